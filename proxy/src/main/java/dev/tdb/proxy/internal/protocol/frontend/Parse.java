/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Extended query protocol: prepares one statement. Parameter types are not decoded: the proxy
 * judges the SQL only and forwards the original frame.
 *
 * @param statement the prepared statement's name, empty for the unnamed one
 * @param sql the text
 */
public record Parse(String statement, String sql) {
  /** Decodes a typed frame of UTF-8 text; does not release it. */
  public static Parse decode(ByteBuf frame) {
    return decode(frame, StandardCharsets.UTF_8);
  }

  /** Decodes a typed frame whose names and text are in {@code charset}; does not release it. */
  public static Parse decode(ByteBuf frame, Charset charset) {
    ByteBuf body = Wire.body(frame);
    String statement = Wire.readCString(body, charset);
    return new Parse(statement, Wire.readCString(body, charset));
  }
}
