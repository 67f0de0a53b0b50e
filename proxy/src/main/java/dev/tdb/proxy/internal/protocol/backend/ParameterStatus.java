/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The server reports a setting's value: at startup for every reported setting, later whenever one
 * changes (just before the ReadyForQuery that ends what changed it).
 *
 * @param name the setting
 * @param value its value now
 */
public record ParameterStatus(String name, String value) {
  /** Decodes a typed frame; does not release it. */
  public static ParameterStatus decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    String name = Wire.readCString(body);
    return new ParameterStatus(name, Wire.readCString(body));
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, BackendType.PARAMETER_STATUS);
    Wire.writeCString(out, name);
    Wire.writeCString(out, value);
    return Wire.finish(out);
  }
}
