/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The client ends its session. */
public final class Terminate {
  /** The one instance. */
  public static final Terminate INSTANCE = new Terminate();

  private Terminate() {}

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc.buffer(5).writeByte(FrontendType.TERMINATE).writeInt(4);
  }
}
