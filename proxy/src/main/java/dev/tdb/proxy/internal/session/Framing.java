/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.frontend.InvalidStartupPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/** Frame decoders for the two shapes of protocol messages; decoding happens elsewhere. */
public final class Framing {
  /** The pipeline name of the frame decoder. */
  public static final String NAME = "frames";

  /**
   * The largest startup packet, length included: PostgreSQL's {@code MAX_STARTUP_PACKET_LENGTH}.
   */
  public static final int MAX_STARTUP_BYTES = 10_000;

  /** The smallest startup packet: the length and a request code or protocol version. */
  private static final int MIN_STARTUP_BYTES = 8;

  /**
   * The largest message before authentication, type byte included: PostgreSQL reads SASL messages
   * of up to {@code PG_MAX_AUTH_TOKEN_LENGTH} (65535) bytes, length included.
   */
  public static final int MAX_AUTHENTICATION_BYTES = 1 + 65_535;

  private Framing() {}

  /** Untyped frames before the StartupMessage: Int32 length (counting itself), then the body. */
  public static StartupFrames startup() {
    return new StartupFrames();
  }

  /**
   * Typed frames: Byte1 type, Int32 length (counting itself), then the body; at most {@code
   * maxMessageBytes} each (type byte included) until {@link TypedFrames#limit} changes it.
   */
  public static TypedFrames typed(int maxMessageBytes) {
    return new TypedFrames(maxMessageBytes);
  }

  /**
   * Untyped frames of 8 to {@value #MAX_STARTUP_BYTES} bytes. A length outside that range fails
   * with {@link InvalidStartupPacketException} as soon as the length arrives, before any of the
   * body is buffered, so a declared length costs no memory. Able to tell whether bytes beyond the
   * last frame arrived already.
   */
  public static final class StartupFrames extends ByteToMessageDecoder {
    StartupFrames() {}

    /** True when bytes after the last decoded frame are buffered (e.g. sent before a handshake). */
    public boolean hasBufferedBytes() {
      return actualReadableBytes() > 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (in.readableBytes() < 4) {
        return;
      }
      int length = in.getInt(in.readerIndex());
      if (length < MIN_STARTUP_BYTES || length > MAX_STARTUP_BYTES) {
        in.skipBytes(in.readableBytes());
        throw new InvalidStartupPacketException(
            "invalid length of startup packet: " + Integer.toUnsignedString(length));
      }
      if (in.readableBytes() >= length) {
        out.add(in.readRetainedSlice(length));
      }
    }
  }

  /**
   * Typed frames, one message per buffer while a session starts; once it relays ({@link
   * #batched()}), one buffer per read holding every whole frame that read completed, so the relay
   * passes a read on in one write and looks at frames in place. A frame is never split across
   * buffers.
   */
  public static final class TypedFrames extends ByteToMessageDecoder {
    // Confined to the channel's event loop, as decoding is: no volatile.
    private int maxMessageBytes;
    private boolean batched;

    TypedFrames(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * From now on, accepts messages of up to {@code value} bytes (type byte included): the session
     * raises the limit of authentication to the relay's once the client authenticated.
     */
    public void limit(int value) {
      maxMessageBytes = value;
    }

    /** From now on, emits all whole frames of a read as one buffer. */
    public void batched() {
      batched = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      int start = in.readerIndex();
      int end = in.writerIndex();
      int at = start;
      while (end - at >= Wire.HEADER_BYTES) {
        int length = in.getInt(at + 1);
        if ((length < 4 || length > maxMessageBytes - 1) && at > start) {
          // The whole frames before a bad one go first, as the server would have run them.
          break;
        }
        if (length < 4) {
          in.skipBytes(in.readableBytes());
          throw new CorruptedFrameException("message length " + length + " is below 4");
        }
        if (length > maxMessageBytes - 1) {
          in.skipBytes(in.readableBytes());
          throw new TooLongFrameException(
              "message of " + (length + 1L) + " bytes is over the limit of " + maxMessageBytes);
        }
        if (end - at - 1 < length) {
          break;
        }
        at += 1 + length;
        if (!batched) {
          break;
        }
      }
      if (at > start) {
        out.add(in.readRetainedSlice(at - start));
      }
    }
  }
}
