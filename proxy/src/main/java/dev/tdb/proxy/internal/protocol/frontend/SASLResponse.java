/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * A later SASL message of the client (type 'p'), such as SCRAM's client-final-message.
 *
 * @param data the message
 */
public record SASLResponse(String data) {
  /** Decodes a typed frame; does not release it. */
  public static SASLResponse decode(ByteBuf frame) {
    return new SASLResponse(Wire.body(frame).toString(StandardCharsets.UTF_8));
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, FrontendType.PASSWORD_MESSAGE);
    out.writeCharSequence(data, StandardCharsets.UTF_8);
    return Wire.finish(out);
  }
}
