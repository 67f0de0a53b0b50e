/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Extended query protocol: prepares one statement. Parameter types are not decoded: the proxy
 * judges the SQL only and forwards the original frame.
 *
 * @param statement the prepared statement's name, empty for the unnamed one
 * @param sql the text
 */
public record Parse(String statement, String sql) {
  /** The type byte. */
  public static final char TYPE = 'P';

  /** Decodes a typed frame; does not release it. */
  public static Parse decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    String statement = Wire.readCString(body);
    return new Parse(statement, Wire.readCString(body));
  }
}
