/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Frontend Bind, decoded only as far as the names: the parameter values that follow are never read,
 * so they cannot end up in a log.
 *
 * @param portal the portal created ({@code ""} for the unnamed one)
 * @param statement the prepared statement bound ({@code ""} for the unnamed one)
 */
public record Bind(String portal, String statement) {
  /** Decodes the names of a typed frame; does not release it. */
  public static Bind decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    String portal = Wire.readCString(body);
    return new Bind(portal, Wire.readCString(body));
  }
}
