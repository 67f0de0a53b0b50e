/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

/** The SQLSTATE codes tdb answers with, as PostgreSQL defines them. */
public final class SqlStates {
  private SqlStates() {}

  /** {@code insufficient_privilege}. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** {@code syntax_error}. */
  public static final String SYNTAX_ERROR = "42601";

  /** {@code feature_not_supported}. */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";

  /** {@code program_limit_exceeded}. */
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

  /** {@code too_many_connections}. */
  public static final String TOO_MANY_CONNECTIONS = "53300";

  /** {@code query_canceled}. */
  public static final String QUERY_CANCELED = "57014";
}
