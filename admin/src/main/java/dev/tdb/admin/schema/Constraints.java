/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * Table constraints as {@code ALTER TABLE ... ADD CONSTRAINT} with {@code pg_get_constraintdef}
 * (which keeps {@code DEFERRABLE}, {@code NOT VALID}, {@code NO INHERIT}, exclusion operators,
 * {@code INCLUDE} columns and index parameters). A constraint added to a partitioned or inherited
 * table reaches its partitions and children by itself, so their copies are not written.
 */
final class Constraints {
  /** Which constraints a pass writes. */
  enum Pass {
    /** Primary keys, unique, check and exclusion constraints: with the tables. */
    OWN("'p', 'u', 'c', 'x'"),
    /** Foreign keys: after every index, since one may reference a unique index's columns. */
    FOREIGN_KEYS("'f'");

    private final String types;

    Pass(String types) {
      this.types = types;
    }
  }

  private Constraints() {}

  /** The constraints of {@code pass}. */
  static void write(Catalog catalog, Script script, Pass pass) throws SQLException {
    catalog
        .rows(
            "SELECT 'ALTER TABLE ' || pg_catalog.format('%I.%I', n.nspname, c.relname)"
                + " || ' ADD CONSTRAINT ' || pg_catalog.quote_ident(con.conname) || ' '"
                + " || pg_catalog.pg_get_constraintdef(con.oid)"
                + " FROM pg_catalog.pg_constraint con"
                + " JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE con.contype IN ("
                + pass.types
                + ") AND con.conparentid = 0 AND (con.contype <> 'c' OR con.conislocal)"
                + " AND c.relkind IN ('r', 'p') AND "
                + Catalog.userSchema("n")
                + " AND "
                + Catalog.notFromExtension("pg_class", "c.oid")
                + " ORDER BY CASE con.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END,"
                + " n.nspname, c.relname, con.conname",
            rs -> rs.getString(1))
        .forEach(script::add);
  }
}
