/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session state a tenant must not change: what tdb's lexer depends on, the workspace's limits,
 * the catalogs, advisory locks and large objects (docs/sql-policy.md, message by message).
 */
final class SessionStatePolicyTest {
  private static final String WORKSPACE = "myapp_workspace";

  private static Policy policy(ConnectionMode mode, WorkspaceSettings settings) {
    return Policy.of(mode, WORKSPACE, settings);
  }

  private static Decision decide(ConnectionMode mode, WorkspaceSettings settings, String sql) {
    return policy(mode, settings).decide(SqlClassifier.classifyUncached(sql));
  }

  private static Decision decide(ConnectionMode mode, String sql) {
    return decide(mode, WorkspaceSettings.defaults(), sql);
  }

  private static Decision.Reject rejected(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Reject.class);
    return (Decision.Reject) decision;
  }

  @Nested
  final class ClientEncodings {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "SET client_encoding = 'SJIS'                          | SJIS",
          "SET NAMES 'BIG5'                                      | BIG5",
          "set names gbk                                         | gbk",
          "SELECT set_config('client_encoding', 'GB18030', false) | GB18030",
          "UPDATE pg_settings SET setting = 'JOHAB' WHERE name = 'client_encoding' | JOHAB"
        })
    void refusesEncodingsTdbCannotReadOnTenantsAndWorkspaces(String sql, String encoding) {
      for (ConnectionMode mode :
          new ConnectionMode[] {ConnectionMode.TENANT, ConnectionMode.WORKSPACE}) {
        Decision.Reject reject = rejected(decide(mode, sql));

        assertThat(reject.sqlState()).isEqualTo("0A000");
        assertThat(reject.message())
            .isEqualTo("client_encoding " + encoding + " is not supported through tdb");
        assertThat(reject.hint()).startsWith("use UTF8").contains("backslash");
      }
      assertThat(decide(ConnectionMode.CONTROL, sql)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void refusesAComputedEncoding() {
      assertThat(
              rejected(
                      decide(
                          ConnectionMode.TENANT, "SELECT set_config('client_encoding', $1, false)"))
                  .message())
          .isEqualTo("client_encoding can only be set to a constant through tdb");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SET client_encoding = 'UTF8'",
          "SET NAMES 'LATIN1'",
          "SET client_encoding TO 'EUC_JP'",
          "SET client_encoding TO DEFAULT",
          "SET NAMES DEFAULT",
          "RESET client_encoding",
          "RESET ALL"
        })
    void allowsAsciiSafeEncodingsAndReset(String sql) {
      assertThat(decide(ConnectionMode.TENANT, sql)).isEqualTo(Decision.ALLOW);
      assertThat(decide(ConnectionMode.WORKSPACE, sql)).isEqualTo(Decision.ALLOW);
    }
  }

  @Nested
  final class CatalogWrites {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "UPDATE pg_settings SET setting = '0' WHERE name = 'statement_timeout' | pg_settings",
          "update \"pg_settings\" s set setting = 'x' where s.name = 'search_path' | pg_settings",
          "WITH x AS (UPDATE pg_catalog.pg_settings SET setting = '0' WHERE name = 'work_mem'"
              + " RETURNING 1) SELECT 1 | pg_catalog.pg_settings",
          "EXPLAIN ANALYZE DELETE FROM pg_settings | pg_settings",
          "PREPARE p AS INSERT INTO pg_settings (name) VALUES ($1) | pg_settings",
          "COPY pg_settings FROM STDIN | pg_settings",
          "MERGE INTO pg_catalog.pg_class c USING t ON true WHEN MATCHED THEN DELETE"
              + " | pg_catalog.pg_class",
          "INSERT INTO pg_largeobject VALUES (1, 0, '') | pg_largeobject",
          "DELETE FROM pg_catalog.orders | pg_catalog.orders"
        })
    void refusesWritesToSystemRelationsOnTenantsNamingTheRelation(String sql, String relation) {
      Decision.Reject reject = rejected(decide(ConnectionMode.TENANT, sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("writing to " + relation + " is not allowed on tenant databases");
      assertThat(reject.hint()).contains("SET");
    }

    @Test
    void refusesTurningOffStandardStringsThroughPgSettingsEverywhereButControl() {
      String sql =
          "UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'";
      for (ConnectionMode mode :
          new ConnectionMode[] {ConnectionMode.TENANT, ConnectionMode.WORKSPACE}) {
        assertThat(rejected(decide(mode, sql)).message())
            .isEqualTo("standard_conforming_strings cannot be turned off through tdb");
      }
      assertThat(decide(ConnectionMode.CONTROL, sql)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void allowsAPgSettingsUpdateOfAnotherSettingInAWorkspace() {
      assertThat(
              decide(
                  ConnectionMode.WORKSPACE,
                  "UPDATE pg_settings SET setting = '0' WHERE name = 'statement_timeout'"))
          .isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "INSERT INTO pg_settings (name, setting) VALUES ('standard_conforming_strings', 'off')",
          "UPDATE pg_settings SET setting = 'off' WHERE name = 'x' OR name = 'client_encoding'",
          "UPDATE pg_settings SET setting = v FROM t WHERE name = 'standard_conforming_strings'",
          "SELECT set_config($1, 'off', false)"
        })
    void refusesInAWorkspaceASettingChangeWhoseSettingItCannotName(String sql) {
      Decision.Reject reject = rejected(decide(ConnectionMode.WORKSPACE, sql));

      assertThat(reject.sqlState()).isEqualTo("0A000");
      assertThat(reject.message())
          .isEqualTo("changing a setting whose name tdb cannot read is not allowed in a workspace");
      assertThat(reject.hint()).contains("SET name = value");
      assertThat(decide(ConnectionMode.CONTROL, sql)).isEqualTo(Decision.ALLOW);
    }
  }

  @Nested
  final class Limits {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "SET idle_in_transaction_session_timeout = 0 | idle_in_transaction_session_timeout"
              + " cannot exceed the workspace limit of 60000 ms | idle_in_transaction_timeout_ms",
          "SET idle_in_transaction_session_timeout = '2min' | idle_in_transaction_session_timeout"
              + " cannot exceed the workspace limit of 60000 ms | idle_in_transaction_timeout_ms",
          "SET work_mem = '5MB' | work_mem cannot exceed the workspace limit of 4096 kB"
              + " | work_mem_kb",
          "SELECT set_config('work_mem', '4097', false) | work_mem cannot exceed the workspace"
              + " limit of 4096 kB | work_mem_kb",
          "SET temp_file_limit = '1kB' | temp_file_limit cannot be changed on tenant databases"
              + " | temp_file_limit_kb",
          "SET temp_file_limit = -1 | temp_file_limit cannot be changed on tenant databases"
              + " | temp_file_limit_kb",
          "SET hash_mem_multiplier = 8 | hash_mem_multiplier cannot be changed on tenant"
              + " databases | work_mem_kb",
          "SET maintenance_work_mem = '2GB' | maintenance_work_mem cannot be changed on tenant"
              + " databases | work_mem_kb",
          "SET temp_buffers = '1GB' | temp_buffers cannot be changed on tenant databases"
              + " | work_mem_kb"
        })
    void refusesValuesBeyondTheWorkspaceLimits(String sql, String message, String setting) {
      Decision.Reject reject = rejected(decide(ConnectionMode.TENANT, sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo(message);
      assertThat(reject.hint()).contains(setting).contains(WORKSPACE);
    }

    @Test
    void followsTheWorkspaceValues() {
      WorkspaceSettings settings =
          WorkspaceSettings.defaults()
              .with(Setting.WORK_MEM_KB, 65536)
              .with(Setting.IDLE_IN_TRANSACTION_TIMEOUT_MS, 0);

      assertThat(decide(ConnectionMode.TENANT, settings, "SET work_mem = '64MB'"))
          .isEqualTo(Decision.ALLOW);
      assertThat(decide(ConnectionMode.TENANT, settings, "SET work_mem = '65MB'").allowed())
          .isFalse();
      assertThat(
              decide(
                  ConnectionMode.TENANT, settings, "SET idle_in_transaction_session_timeout = 0"))
          .isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @EnumSource(
        value = ConnectionMode.class,
        names = {"CONTROL", "WORKSPACE"})
    void leavesTheLimitsFreeOutsideTenants(ConnectionMode mode) {
      assertThat(decide(mode, "SET work_mem = '1GB'; SET temp_file_limit = -1"))
          .isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @CsvSource({
      "4096, 4096",
      "'4MB', 4096",
      "'1.5MB', 1536",
      "'1GB', 1048576",
      "'1TB', 1073741824",
      "'2048kB', 2048",
      "'4194304B', 4096",
      "'1000B', 1",
      "'0.4kB', 0",
      "' 64 kB ', 64"
    })
    void readsMemoryLikePostgres(String value, double expectedKb) {
      assertThat(SettingCeiling.Unit.KILOBYTES.parse(value)).isEqualTo(expectedKb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "16mb", "1 gb", "0x10", "4 MiB"})
    void readsMemoryItDoesNotUnderstandAsNotANumber(String value) {
      assertThat(SettingCeiling.Unit.KILOBYTES.parse(value)).isNaN();
    }
  }

  @Nested
  final class AdvisoryLocksAndLargeObjects {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "SELECT pg_advisory_lock(1)",
          "SELECT pg_catalog.\"pg_try_advisory_xact_lock_shared\"(1, 2)",
          "SELECT count(pg_advisory_lock(g)) FROM generate_series(1, 200000) g"
        })
    void refusesAdvisoryLocksUnlessTheWorkspaceAllowsThem(String sql) {
      Decision.Reject reject = rejected(decide(ConnectionMode.TENANT, sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("advisory locks are disabled for this workspace");
      assertThat(reject.hint())
          .isEqualTo("set allow_advisory_locks to true in the settings of " + WORKSPACE);
      WorkspaceSettings allowed =
          WorkspaceSettings.defaults().with(Setting.ALLOW_ADVISORY_LOCKS, true);
      assertThat(decide(ConnectionMode.TENANT, allowed, sql)).isEqualTo(Decision.ALLOW);
      assertThat(decide(ConnectionMode.WORKSPACE, sql)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void allowsUnlocking() {
      assertThat(decide(ConnectionMode.TENANT, "SELECT pg_advisory_unlock_all()"))
          .isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lo_create", "lo_from_bytea", "lo_unlink", "lowrite", "lo_put"})
    void refusesLargeObjectFunctionsPointingToBytea(String function) {
      Decision.Reject reject =
          rejected(decide(ConnectionMode.TENANT, "SELECT pg_catalog." + function + "(0, 'x')"));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("function " + function + " not allowed on tenant databases");
      assertThat(reject.hint()).contains("bytea");
    }
  }

  @Nested
  final class StartupSettings {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "standard_conforming_strings | off",
          "Standard_Conforming_Strings | false",
          "standard_conforming_strings | on",
          "client_encoding             | SJIS",
          "client_encoding             | UTF8",
          "statement_timeout           | 0",
          "statement_timeout           | 5s",
          "idle_in_transaction_session_timeout | 0",
          "work_mem                    | 1GB",
          "temp_file_limit             | -1",
          "role                        | postgres",
          "session_authorization       | postgres",
          "search_path                 | app, public",
          "application_name            | it's mine",
          "TimeZone                    | UTC"
        })
    void decidesAStartupSettingAsTheEquivalentSetStatement(String name, String value) {
      String set = "SET " + name + " TO '" + value.replace("'", "''") + "'";
      for (ConnectionMode mode : ConnectionMode.values()) {
        Policy policy = policy(mode, WorkspaceSettings.defaults());

        assertThat(policy.decideSetting(name, value))
            .as("%s in %s", set, mode)
            .isEqualTo(policy.decide(SqlClassifier.classifyUncached(set)));
      }
    }

    @Test
    void refusesOptionsThatTurnOffStandardStringsOnATenant() {
      Decision.Reject reject =
          rejected(
              policy(ConnectionMode.TENANT, WorkspaceSettings.defaults())
                  .decideSetting("standard_conforming_strings", "off"));

      assertThat(reject.sqlState()).isEqualTo("0A000");
      assertThat(reject.message())
          .isEqualTo("standard_conforming_strings cannot be turned off through tdb");
    }

    @Test
    void readsDashesInTheNameAsUnderscoresLikeOptionsDo() {
      Policy tenant = policy(ConnectionMode.TENANT, WorkspaceSettings.defaults());

      assertThat(rejected(tenant.decideSetting("client-encoding", "SJIS")).message())
          .isEqualTo("client_encoding SJIS is not supported through tdb");
      assertThat(rejected(tenant.decideSetting("Standard-Conforming-Strings", "off")).sqlState())
          .isEqualTo("0A000");
    }

    @Test
    void readsANameOrValueWithQuotesAsOneSetting() {
      Policy tenant = policy(ConnectionMode.TENANT, WorkspaceSettings.defaults());

      assertThat(tenant.decideSetting("application_name", "x'; SET ROLE postgres; --"))
          .isEqualTo(Decision.ALLOW);
      assertThat(tenant.decideSetting("x\" = 1; SET role = \"postgres", "y"))
          .isEqualTo(Decision.ALLOW);
    }
  }
}
