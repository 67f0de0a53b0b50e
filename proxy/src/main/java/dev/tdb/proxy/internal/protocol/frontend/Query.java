/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Simple query protocol: one string of SQL, maybe several statements.
 *
 * @param sql the text
 */
public record Query(String sql) {
  /** Decodes a typed frame of UTF-8 text; does not release it. */
  public static Query decode(ByteBuf frame) {
    return decode(frame, StandardCharsets.UTF_8);
  }

  /** Decodes a typed frame whose text is in {@code charset}; does not release it. */
  public static Query decode(ByteBuf frame, Charset charset) {
    return new Query(Wire.readCString(Wire.body(frame), charset));
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, FrontendType.QUERY);
    Wire.writeCString(out, sql);
    return Wire.finish(out);
  }
}
