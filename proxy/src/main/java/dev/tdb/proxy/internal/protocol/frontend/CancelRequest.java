/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Sent on a new connection to cancel the query of the session with this key.
 *
 * @param processId the process id from BackendKeyData
 * @param secretKey the secret key from BackendKeyData
 */
public record CancelRequest(int processId, int secretKey) implements StartupPacket {
  /** The request code. */
  public static final int CODE = 80877102;

  private static final int LENGTH = 16;

  /**
   * Decodes an untyped frame; does not release it.
   *
   * @throws InvalidStartupPacketException when the length is not 16, which PostgreSQL answers by
   *     closing the connection
   */
  public static CancelRequest decode(ByteBuf frame) {
    int start = frame.readerIndex();
    if (frame.getInt(start) != LENGTH) {
      throw new InvalidStartupPacketException("invalid length of cancel request packet");
    }
    return new CancelRequest(frame.getInt(start + 8), frame.getInt(start + 12));
  }

  /** The request as sent to a server. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc
        .buffer(LENGTH)
        .writeInt(LENGTH)
        .writeInt(CODE)
        .writeInt(processId)
        .writeInt(secretKey);
  }
}
