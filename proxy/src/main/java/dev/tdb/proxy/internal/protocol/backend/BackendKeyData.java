/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The key a client sends in CancelRequest to cancel its session's query.
 *
 * @param processId the process id
 * @param secretKey the secret
 */
public record BackendKeyData(int processId, int secretKey) {
  /**
   * Decodes a typed frame; does not release it.
   *
   * @throws ProtocolException for a key other than 4 bytes (protocol 3.2's longer keys)
   */
  public static BackendKeyData decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    if (body.readableBytes() != 8) {
      throw new ProtocolException(
          "BackendKeyData with a key of " + (body.readableBytes() - 4) + " bytes");
    }
    return new BackendKeyData(body.readInt(), body.readInt());
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc
        .buffer(13)
        .writeByte(BackendType.BACKEND_KEY_DATA)
        .writeInt(12)
        .writeInt(processId)
        .writeInt(secretKey);
  }
}
