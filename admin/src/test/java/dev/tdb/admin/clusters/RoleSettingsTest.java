/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RoleSettingsTest {
  @Test
  void carriesEveryLimitAsPostgresStoresIt() {
    assertThat(RoleSettings.of(WorkspaceSettings.defaults()))
        .containsExactly(
            Map.entry("statement_timeout", "30000"),
            Map.entry("idle_in_transaction_session_timeout", "60000"),
            Map.entry("work_mem", "4096kB"),
            Map.entry("temp_file_limit", "1048576kB"),
            Map.entry("standard_conforming_strings", "on"));
  }

  @Test
  void noLimitIsPostgresNone() {
    WorkspaceSettings none =
        WorkspaceSettings.defaults()
            .with(Setting.QUERY_TIMEOUT_MS, 0)
            .with(Setting.IDLE_IN_TRANSACTION_TIMEOUT_MS, 0)
            .with(Setting.TEMP_FILE_LIMIT_KB, 0);
    assertThat(RoleSettings.of(none))
        .containsEntry("statement_timeout", "0")
        .containsEntry("idle_in_transaction_session_timeout", "0")
        .containsEntry("temp_file_limit", "-1");
  }

  @Test
  void setsEachOnTheRoleAndInItsDatabase() {
    assertThat(RoleSettings.statements("a\"b", "db", WorkspaceSettings.defaults()))
        .hasSize(10)
        .contains(
            "ALTER ROLE \"a\"\"b\" SET temp_file_limit = '1048576kB'",
            "ALTER ROLE \"a\"\"b\" IN DATABASE \"db\" SET temp_file_limit = '1048576kB'");
  }
}
