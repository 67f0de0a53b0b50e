/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * A SASL challenge, such as SCRAM's server-first-message.
 *
 * @param data the challenge
 */
public record AuthenticationSASLContinue(String data) implements Authentication {
  /** The authentication code. */
  public static final int CODE = 11;

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, BackendType.AUTHENTICATION);
    out.writeInt(CODE);
    out.writeCharSequence(data, StandardCharsets.UTF_8);
    return Wire.finish(out);
  }
}
