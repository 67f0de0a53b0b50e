/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.core.settings.WorkspaceSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server parameters a runtime role carries, so that PostgreSQL enforces the workspace's limits
 * for any client, tdb's or not. Each is set on the role and again for the role in its database
 * ({@code ALTER ROLE … IN DATABASE … SET}, which wins over the role-level value); {@code
 * temp_file_limit} can only be set by a superuser, so the role cannot lift it, and the others are
 * re-asserted by the role check when the role changed them for itself.
 */
public final class RoleSettings {
  private RoleSettings() {}

  /**
   * The parameters and their values as PostgreSQL stores them in {@code pg_db_role_setting} (0
   * means no limit for the timeouts, -1 for {@code temp_file_limit}).
   */
  public static Map<String, String> of(WorkspaceSettings settings) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("statement_timeout", Long.toString(settings.queryTimeoutMs()));
    values.put(
        "idle_in_transaction_session_timeout",
        Long.toString(settings.idleInTransactionTimeoutMs()));
    values.put("work_mem", settings.workMemKb() + "kB");
    long tempFiles = settings.tempFileLimitKb();
    values.put("temp_file_limit", tempFiles == 0 ? "-1" : tempFiles + "kB");
    values.put("standard_conforming_strings", "on");
    return values;
  }

  /**
   * The statements that set every parameter for {@code role}: on the role, and in {@code database}
   * too when it is not null.
   */
  static List<String> statements(String role, String database, WorkspaceSettings settings) {
    List<String> statements = new ArrayList<>();
    String target = "ALTER ROLE " + Sql.identifier(role);
    for (Map.Entry<String, String> value : of(settings).entrySet()) {
      String set = " SET " + value.getKey() + " = " + Sql.literal(value.getValue());
      statements.add(target + set);
      if (database != null) {
        statements.add(target + " IN DATABASE " + Sql.identifier(database) + set);
      }
    }
    return statements;
  }
}
