/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.core.policy.Decision;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error, as identified fields: S and V severity, C SQLSTATE, M message, H hint, and others.
 *
 * @param fields field code to value, in the order sent
 */
public record ErrorResponse(Map<Character, String> fields) {
  /** Copies the fields, keeping their order. */
  public ErrorResponse {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** An ERROR that ends the statement, for a policy refusal. */
  public static ErrorResponse error(Decision.Reject reject) {
    return of("ERROR", reject.sqlState(), reject.message(), reject.hint());
  }

  /** A FATAL error that ends the session. */
  public static ErrorResponse fatal(Decision.Reject reject) {
    return of("FATAL", reject.sqlState(), reject.message(), reject.hint());
  }

  private static ErrorResponse of(String severity, String sqlState, String message, String hint) {
    Map<Character, String> fields = new LinkedHashMap<>();
    fields.put('S', severity);
    fields.put('V', severity);
    fields.put('C', sqlState);
    fields.put('M', message);
    if (hint != null) {
      fields.put('H', hint);
    }
    return new ErrorResponse(fields);
  }

  /** Decodes a typed frame; does not release it. */
  public static ErrorResponse decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    Map<Character, String> fields = new LinkedHashMap<>();
    while (body.isReadable() && body.getByte(body.readerIndex()) != 0) {
      char code = (char) body.readByte();
      fields.put(code, Wire.readCString(body));
    }
    return new ErrorResponse(fields);
  }

  /** The SQLSTATE (field C). */
  public String sqlState() {
    return fields.get('C');
  }

  /** The primary message (field M). */
  public String message() {
    return fields.get('M');
  }

  /** The hint (field H), or null. */
  public String hint() {
    return fields.get('H');
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, BackendType.ERROR_RESPONSE);
    fields.forEach(
        (code, value) -> {
          out.writeByte(code);
          Wire.writeCString(out, value);
        });
    out.writeByte(0);
    return Wire.finish(out);
  }
}
