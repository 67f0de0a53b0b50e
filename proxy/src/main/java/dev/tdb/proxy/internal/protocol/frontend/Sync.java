/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Extended query protocol: ends a pipeline; the server answers ReadyForQuery. */
public final class Sync {
  /** The one instance. */
  public static final Sync INSTANCE = new Sync();

  private Sync() {}

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc.buffer(5).writeByte(FrontendType.SYNC).writeInt(4);
  }
}
