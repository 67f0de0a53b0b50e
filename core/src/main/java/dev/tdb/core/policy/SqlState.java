/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import java.sql.SQLException;

/**
 * The SQLSTATE codes tdb answers with or reacts to, each with PostgreSQL's condition name (one type
 * for core, driver, proxy and admin, instead of string literals).
 */
public enum SqlState {
  UNABLE_TO_CONNECT("08001", "sqlclient_unable_to_establish_sqlconnection"),
  CONNECTION_FAILURE("08006", "connection_failure"),
  PROTOCOL_VIOLATION("08P01", "protocol_violation"),
  FEATURE_NOT_SUPPORTED("0A000", "feature_not_supported"),
  UNIQUE_VIOLATION("23505", "unique_violation"),
  READ_ONLY_SQL_TRANSACTION("25006", "read_only_sql_transaction"),
  INVALID_AUTHORIZATION("28000", "invalid_authorization_specification"),
  INVALID_PASSWORD("28P01", "invalid_password"),
  DEPENDENT_OBJECTS_STILL_EXIST("2BP01", "dependent_objects_still_exist"),
  INVALID_CURSOR_NAME("34000", "invalid_cursor_name"),
  INVALID_SAVEPOINT_SPECIFICATION("3B001", "invalid_savepoint_specification"),
  INVALID_CATALOG_NAME("3D000", "invalid_catalog_name"),
  INVALID_SCHEMA_NAME("3F000", "invalid_schema_name"),
  INSUFFICIENT_PRIVILEGE("42501", "insufficient_privilege"),
  SYNTAX_ERROR("42601", "syntax_error"),
  UNDEFINED_COLUMN("42703", "undefined_column"),
  UNDEFINED_OBJECT("42704", "undefined_object"),
  UNDEFINED_FUNCTION("42883", "undefined_function"),
  UNDEFINED_TABLE("42P01", "undefined_table"),
  DUPLICATE_DATABASE("42P04", "duplicate_database"),
  DUPLICATE_TABLE("42P07", "duplicate_table"),
  DUPLICATE_OBJECT("42710", "duplicate_object"),
  TOO_MANY_CONNECTIONS("53300", "too_many_connections"),
  PROGRAM_LIMIT_EXCEEDED("54000", "program_limit_exceeded"),
  OBJECT_NOT_IN_PREREQUISITE_STATE("55000", "object_not_in_prerequisite_state"),
  OBJECT_IN_USE("55006", "object_in_use"),
  LOCK_NOT_AVAILABLE("55P03", "lock_not_available"),
  QUERY_CANCELED("57014", "query_canceled"),
  ADMIN_SHUTDOWN("57P01", "admin_shutdown"),
  INTERNAL_ERROR("XX000", "internal_error"),
  /** The SQL/CLI (JDBC) general error; PostgreSQL itself never sends it. */
  GENERAL_ERROR("HY000", null);

  private final String code;
  private final String condition;

  SqlState(String code, String condition) {
    this.code = code;
    this.condition = condition;
  }

  /**
   * PostgreSQL's condition name for the code (as PL/pgSQL's {@code RAISE ... ERRCODE} takes it), or
   * null for a code PostgreSQL does not define.
   */
  public String condition() {
    return condition;
  }

  /** The five-character code, as it travels in an ErrorResponse or a {@link SQLException}. */
  public String code() {
    return code;
  }

  /** True when {@code sqlState} (possibly null) is this code. */
  public boolean is(String sqlState) {
    return code.equals(sqlState);
  }

  /** True when {@code e} carries this code. */
  public boolean of(SQLException e) {
    return code.equals(e.getSQLState());
  }
}
