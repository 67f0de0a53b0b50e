/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** Frame decoders for the two shapes of protocol messages; decoding happens elsewhere. */
public final class Framing {
  /** The pipeline name of the frame decoder. */
  public static final String NAME = "frames";

  /** Startup packets are small; PostgreSQL allows 10000 bytes. */
  private static final int MAX_STARTUP_BYTES = 10_000;

  private Framing() {}

  /** Untyped frames before the StartupMessage: Int32 length (counting itself), then the body. */
  public static StartupFrames startup() {
    return new StartupFrames();
  }

  /** Typed frames: Byte1 type, Int32 length (counting itself), then the body. */
  public static LengthFieldBasedFrameDecoder typed(int maxMessageBytes) {
    return new LengthFieldBasedFrameDecoder(maxMessageBytes, 1, 4, -4, 0);
  }

  /** Untyped frames, able to tell whether bytes beyond the last frame arrived already. */
  public static final class StartupFrames extends LengthFieldBasedFrameDecoder {
    StartupFrames() {
      super(MAX_STARTUP_BYTES, 0, 4, -4, 0);
    }

    /** True when bytes after the last decoded frame are buffered (e.g. sent before a handshake). */
    public boolean hasBufferedBytes() {
      return actualReadableBytes() > 0;
    }
  }
}
