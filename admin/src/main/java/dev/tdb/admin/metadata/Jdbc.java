/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The few JDBC helpers the repositories share: binding, row mapping and jsonb. */
final class Jdbc {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Jdbc() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, params[i]);
    }
    return statement;
  }

  static <T> List<T> list(Connection c, RowMapper<T> mapper, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params);
        ResultSet rs = statement.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    }
  }

  static <T> Optional<T> one(Connection c, RowMapper<T> mapper, String sql, Object... params)
      throws SQLException {
    List<T> rows = list(c, mapper, sql, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static long queryLong(Connection c, String sql, Object... params) throws SQLException {
    return one(c, rs -> rs.getLong(1), sql, params).orElseThrow();
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params)) {
      return statement.executeUpdate();
    }
  }

  /** A timestamp column as ISO-8601 UTC text, or null. */
  static String instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant().toString();
  }

  static String toJson(Map<String, Object> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  static Map<String, Object> fromJson(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("malformed jsonb in the metadata database", e);
    }
  }
}
