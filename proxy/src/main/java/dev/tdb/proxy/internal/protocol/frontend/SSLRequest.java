/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** A client asks for TLS before its StartupMessage; answered with one byte, 'S' or 'N'. */
public final class SSLRequest implements StartupPacket {
  /** The request code. */
  public static final int CODE = 80877103;

  /** The one-byte answer of a server that goes on with the TLS handshake. */
  public static final char WILLING = 'S';

  /** The one-byte answer of a server that goes on without TLS. */
  public static final char UNWILLING = 'N';

  /** The one instance. */
  public static final SSLRequest INSTANCE = new SSLRequest();

  private SSLRequest() {}

  /** The request as sent to a server. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    return alloc.buffer(8).writeInt(8).writeInt(CODE);
  }
}
