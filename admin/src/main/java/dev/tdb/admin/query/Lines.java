/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The NDJSON lines of a fan-out's answer, each one JSON object and a newline, as docs/admin-api.md
 * describes them: {@code columns}, {@code row}, {@code result} and {@code summary}.
 */
final class Lines {
  private static final JsonFactory JSON = new JsonFactory();

  private Lines() {}

  /** Writes the fields of one line; the type and tenant are written already. */
  @FunctionalInterface
  interface Fields {
    void write(JsonGenerator json) throws IOException, SQLException;
  }

  /** Writes one value that is not SQL NULL. */
  @FunctionalInterface
  private interface Value {
    void write() throws IOException, SQLException;
  }

  /** A line of {@code type} about {@code tenant} (null for the summary). */
  static byte[] line(String type, String tenant, Fields fields) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("type", type);
      if (tenant != null) {
        json.writeStringField("tenant", tenant);
      }
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** The column names and PostgreSQL type names of a result. */
  static byte[] columns(String tenant, ResultSetMetaData meta) throws SQLException {
    return line(
        "columns",
        tenant,
        json -> {
          json.writeArrayFieldStart("columns");
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            json.writeStartObject();
            json.writeStringField("name", meta.getColumnLabel(i));
            json.writeStringField("type", meta.getColumnTypeName(i));
            json.writeEndObject();
          }
          json.writeEndArray();
        });
  }

  /**
   * The current row: integers, numerics, floats and booleans as JSON numbers and booleans, every
   * other value as PostgreSQL's text for it, SQL NULL as null.
   */
  static byte[] row(String tenant, ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    return line(
        "row",
        tenant,
        json -> {
          json.writeArrayFieldStart("row");
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            value(json, rs, i, meta.getColumnType(i), meta.getColumnTypeName(i));
          }
          json.writeEndArray();
        });
  }

  private static void value(JsonGenerator json, ResultSet rs, int i, int type, String typeName)
      throws IOException, SQLException {
    switch (type) {
      case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long value = rs.getLong(i);
        writeOrNull(json, rs, () -> json.writeNumber(value));
      }
      case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE ->
          decimal(json, rs.getString(i));
      default -> {
        if (typeName.equals("bool")) {
          boolean value = rs.getBoolean(i);
          writeOrNull(json, rs, () -> json.writeBoolean(value));
        } else {
          String text = rs.getString(i);
          writeOrNull(json, rs, () -> json.writeString(text));
        }
      }
    }
  }

  /**
   * A numeric or floating-point value from PostgreSQL's text, which keeps every digit; NaN and the
   * infinities have no JSON number and stay text.
   */
  private static void decimal(JsonGenerator json, String text) throws IOException {
    if (text == null) {
      json.writeNull();
    } else if (Character.isDigit(text.charAt(text.length() - 1))) {
      json.writeNumber(new BigDecimal(text));
    } else {
      json.writeString(text);
    }
  }

  private static void writeOrNull(JsonGenerator json, ResultSet rs, Value value)
      throws IOException, SQLException {
    if (rs.wasNull()) {
      json.writeNull();
    } else {
      value.write();
    }
  }
}
