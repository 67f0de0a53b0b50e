/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

/** What a statement does, as far as deciding whether it may run is concerned. */
public enum StatementKind {
  /** Reads data: SELECT, VALUES, TABLE, cursors over reads. */
  READ,
  /** Changes data: INSERT, UPDATE, DELETE, MERGE, data-modifying WITH, TRUNCATE, CALL. */
  WRITE,
  /** Changes the schema, including DDL in disguise such as {@code SELECT ... INTO}. */
  DDL,
  /** Transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, SET TRANSACTION, ... */
  TRANSACTION,
  /** Session state: SET, SHOW, RESET, DISCARD. */
  SESSION,
  /** COPY in either direction. */
  COPY,
  /** Other commands: EXPLAIN, VACUUM, ANALYZE, LOCK, LISTEN, PREPARE, DO, ... */
  UTILITY,
  /** Cluster-level or superuser commands: databases, roles, extensions, ALTER SYSTEM, ... */
  PRIVILEGED,
  /** Not recognized. */
  UNKNOWN,
  /** Nothing but white space and comments. */
  EMPTY
}
