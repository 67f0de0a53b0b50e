/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * The server asks for SASL and lists the mechanisms it offers.
 *
 * @param mechanisms the mechanisms, most preferred first
 */
public record AuthenticationSASL(List<String> mechanisms) implements Authentication {
  /** The authentication code. */
  public static final int CODE = 10;

  /** Copies the list. */
  public AuthenticationSASL {
    mechanisms = List.copyOf(mechanisms);
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, BackendType.AUTHENTICATION);
    out.writeInt(CODE);
    mechanisms.forEach(mechanism -> Wire.writeCString(out, mechanism));
    out.writeByte(0);
    return Wire.finish(out);
  }
}
