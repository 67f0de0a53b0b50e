/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Authentication succeeded. */
public final class AuthenticationOk implements Authentication {
  /** The authentication code. */
  public static final int CODE = 0;

  /** The one instance. */
  public static final AuthenticationOk INSTANCE = new AuthenticationOk();

  private AuthenticationOk() {}

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc.buffer(9).writeByte(BackendType.AUTHENTICATION).writeInt(8).writeInt(CODE);
  }
}
