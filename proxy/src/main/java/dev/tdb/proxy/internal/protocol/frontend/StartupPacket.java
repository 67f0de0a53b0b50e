/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;

/** The untyped messages a client may send first, told apart by their request code. */
public sealed interface StartupPacket
    permits SSLRequest, GSSENCRequest, CancelRequest, StartupMessage {

  /**
   * Decodes one untyped frame (length included); does not release it.
   *
   * @throws ProtocolException for an unknown request code or protocol version
   */
  static StartupPacket decode(ByteBuf frame) {
    int code = frame.getInt(frame.readerIndex() + 4);
    switch (code) {
      case SSLRequest.CODE:
        return SSLRequest.INSTANCE;
      case GSSENCRequest.CODE:
        return GSSENCRequest.INSTANCE;
      case CancelRequest.CODE:
        return CancelRequest.decode(frame);
      default:
        if (code >>> 16 == StartupMessage.PROTOCOL_MAJOR) {
          // Like PostgreSQL, any 3.x is accepted and a newer minor negotiated down to 3.0.
          return StartupMessage.decode(frame);
        }
        throw new ProtocolException(
            "unsupported frontend protocol "
                + (code >>> 16)
                + "."
                + (code & 0xFFFF)
                + ": the proxy speaks 3.0");
    }
  }
}
