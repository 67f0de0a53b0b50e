/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Frontend Close of a prepared statement or a portal.
 *
 * @param target {@link #STATEMENT} or {@link #PORTAL}
 * @param name the statement's or portal's name
 */
public record Close(char target, String name) {
  /** The target byte of a prepared statement. */
  public static final char STATEMENT = 'S';

  /** The target byte of a portal. */
  public static final char PORTAL = 'P';

  /**
   * Decodes a typed frame; does not release it.
   *
   * @throws ProtocolException for a frame shorter than its fields
   */
  public static Close decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    char target = (char) Wire.readByte(body);
    return new Close(target, Wire.readCString(body));
  }
}
