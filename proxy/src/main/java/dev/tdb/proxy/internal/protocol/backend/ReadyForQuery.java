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
 * The server is ready for the next query.
 *
 * @param status 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block
 */
public record ReadyForQuery(char status) {
  /** Idle, outside a transaction block: the state of a new session. */
  public static final char IDLE = 'I';

  /** In a transaction block that has not failed. */
  public static final char IN_TRANSACTION = 'T';

  /**
   * Decodes a typed frame; does not release it.
   *
   * @throws ProtocolException for a frame shorter than its fields
   */
  public static ReadyForQuery decode(ByteBuf frame) {
    return new ReadyForQuery((char) Wire.readByte(Wire.body(frame)));
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc.buffer(6).writeByte(BackendType.READY_FOR_QUERY).writeInt(5).writeByte(status);
  }
}
