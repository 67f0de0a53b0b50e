/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The server's authentication requests (type 'R'), told apart by their code. */
public sealed interface Authentication
    permits AuthenticationOk,
        AuthenticationSASL,
        AuthenticationSASLContinue,
        AuthenticationSASLFinal,
        Authentication.Unsupported {
  /** A method the proxy does not speak to servers (cleartext, MD5, GSS…). */
  record Unsupported(int code) implements Authentication {}

  /**
   * Decodes a typed frame; does not release it.
   *
   * @throws ProtocolException for a frame shorter than its fields
   */
  static Authentication decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    int code = Wire.readInt(body);
    switch (code) {
      case AuthenticationOk.CODE:
        return AuthenticationOk.INSTANCE;
      case AuthenticationSASL.CODE:
        List<String> mechanisms = new ArrayList<>();
        while (body.isReadable() && body.getByte(body.readerIndex()) != 0) {
          mechanisms.add(Wire.readCString(body));
        }
        return new AuthenticationSASL(mechanisms);
      case AuthenticationSASLContinue.CODE:
        return new AuthenticationSASLContinue(body.toString(StandardCharsets.UTF_8));
      case AuthenticationSASLFinal.CODE:
        return new AuthenticationSASLFinal(body.toString(StandardCharsets.UTF_8));
      default:
        return new Unsupported(code);
    }
  }
}
