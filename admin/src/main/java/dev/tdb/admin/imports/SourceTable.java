/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.clusters.Sql;
import java.util.List;

/**
 * A table of the source database.
 *
 * @param schema its schema
 * @param name its name
 * @param columns its stored columns in order (generated columns left out: COPY cannot write them)
 * @param types each column's type as {@code format_type} shows it, same order
 * @param routed whether it has the routing column
 * @param bytes its size with indexes and TOAST
 */
record SourceTable(
    String schema,
    String name,
    List<String> columns,
    List<String> types,
    boolean routed,
    long bytes) {

  /** Copies the lists. */
  SourceTable {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
  }

  /** {@code schema.name}, as shown to users. */
  String qualified() {
    return schema + "." + name;
  }

  /** {@code "schema"."name"}, quoted for SQL. */
  String sql() {
    return Sql.identifier(schema) + "." + Sql.identifier(name);
  }
}
