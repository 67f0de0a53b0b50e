/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decisions and refusals of docs/sql-policy.md, message by message. */
final class PolicyTest {
  private static final String WORKSPACE = "myapp_workspace";

  private static Decision decide(ConnectionMode mode, WorkspaceSettings settings, String sql) {
    return Policy.of(mode, WORKSPACE, settings).decide(SqlClassifier.classifyUncached(sql));
  }

  private static Decision decide(ConnectionMode mode, String sql) {
    return decide(mode, WorkspaceSettings.defaults(), sql);
  }

  private static Decision onTenant(String sql) {
    return decide(ConnectionMode.TENANT, sql);
  }

  private static Decision.Reject rejected(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Reject.class);
    return (Decision.Reject) decision;
  }

  @Nested
  final class TenantRefusals {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "CREATE TABLE t (a int)",
          "ALTER TABLE t ADD COLUMN b int",
          "SELECT * INTO t FROM u",
          "CREATE TABLE t AS SELECT 1",
          "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
          "GRANT SELECT ON t TO PUBLIC"
        })
    void refusesDdlAndNamesTheWorkspaceAndTheDeploymentCommand(String sql) {
      Decision.Reject reject = rejected(onTenant(sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("DDL not allowed on tenant databases - use workspace mode")
          .isEqualTo(Policy.TENANT_DDL_MESSAGE);
      assertThat(reject.hint())
          .contains("myapp_workspace")
          .contains("tdb deployments create --blueprint myapp --all");
    }

    @Test
    void namesTheBlueprintAfterAWorkspaceWithoutTheUsualSuffix() {
      Decision decision =
          Policy.of(ConnectionMode.TENANT, "billing", WorkspaceSettings.defaults())
              .decide(SqlClassifier.classifyUncached("DROP TABLE t"));

      assertThat(rejected(decision).hint())
          .contains("change the schema in billing")
          .contains("--blueprint billing --all");
    }

    @Test
    void refusesTruncateAndSuggestsDelete() {
      Decision.Reject reject = rejected(onTenant("TRUNCATE orders"));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("TRUNCATE not allowed on tenant databases");
      assertThat(reject.hint()).contains("DELETE FROM");
    }

    @Test
    void refusesDoBlocks() {
      Decision.Reject reject = rejected(onTenant("DO $$ BEGIN NULL; END $$"));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("DO blocks not allowed on tenant databases");
      assertThat(reject.hint()).contains(WORKSPACE);
    }

    @Test
    void refusesClusterByName() {
      Decision.Reject reject = rejected(onTenant("CLUSTER orders USING orders_pkey"));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("CLUSTER not allowed on tenant databases");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "COPY t FROM '/etc/passwd'",
          "COPY t TO '/tmp/t.csv'",
          "COPY t FROM PROGRAM 'cat /etc/passwd'",
          "COPY (SELECT 1) TO PROGRAM 'sh'"
        })
    void refusesCopyThroughServerFilesAndPrograms(String sql) {
      Decision.Reject reject = rejected(onTenant(sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("COPY to or from a server file or program is not allowed");
      assertThat(reject.hint()).contains("STDIN").contains("STDOUT");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SET ROLE admin",
          "SET LOCAL ROLE admin",
          "SET SESSION AUTHORIZATION admin",
          "RESET ROLE",
          "RESET SESSION AUTHORIZATION",
          "SELECT set_config('role', 'admin', false)",
          "SELECT set_config('session_authorization', 'admin', true)",
          "SET \"role\" = admin",
          "SET U&\"\\0072ole\" = admin"
        })
    void refusesRoleChanges(String sql) {
      Decision.Reject reject = rejected(onTenant(sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("changing the role is not allowed on tenant databases");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SELECT set_config($1, 'x', false)",
          "SELECT set_config(name, 'x', false) FROM pg_settings",
          "SELECT set_config('ro' || 'le', 'x', false)"
        })
    void refusesSetConfigWithComputedName(String sql) {
      Decision.Reject reject = rejected(onTenant(sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo(
              "set_config with a non-constant setting name is not allowed on tenant databases");
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        value = {
          "SELECT pg_read_file('/etc/passwd')                  | pg_read_file",
          "SELECT lo_import('/etc/passwd')                     | lo_import",
          "SELECT dblink_exec('dbname=other', 'DROP TABLE t')  | dblink_exec",
          "SELECT \"pg_ls_dir\"('.')                           | pg_ls_dir"
        })
    void refusesAdministrationFunctionsByName(String sql, String function) {
      Decision.Reject reject = rejected(onTenant(sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("function " + function + " not allowed on tenant databases");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SELECT 1",
          "INSERT INTO t VALUES (1)",
          "BEGIN",
          "SET search_path = app",
          "",
          "COPY t FROM STDIN",
          "COPY t TO STDOUT",
          "EXPLAIN SELECT 1",
          "ANALYZE t",
          "VACUUM t",
          "LOCK t",
          "LISTEN c",
          "NOTIFY c",
          "UNLISTEN c",
          "PREPARE p AS SELECT 1",
          "EXECUTE p",
          "DEALLOCATE p",
          "CREATE TEMP TABLE scratch (a int)"
        })
    void allowsWhatTheTenantRowLists(String sql) {
      assertThat(onTenant(sql)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void rejectsTheWholeTextWhenAnyStatementIsRefusedAndReportsTheFirstRefusal() {
      Decision.Reject reject = rejected(onTenant("SELECT 1; TRUNCATE t; DROP TABLE t; SELECT 2"));

      assertThat(reject.message()).isEqualTo("TRUNCATE not allowed on tenant databases");
    }

    @Test
    void judgesTheStatementThatPrepareWraps() {
      assertThat(rejected(onTenant("PREPARE p AS SELECT * INTO t FROM u")).message())
          .isEqualTo(Policy.TENANT_DDL_MESSAGE);
    }

    @Test
    void judgesTheStatementThatExplainWrapsWithoutRunningIt() {
      assertThat(rejected(onTenant("EXPLAIN CREATE TABLE t AS SELECT 1")).message())
          .isEqualTo(Policy.TENANT_DDL_MESSAGE);
    }
  }

  @Nested
  final class TemporaryObjects {
    private final WorkspaceSettings noTempTables =
        WorkspaceSettings.defaults().with(Setting.ALLOW_TEMP_TABLES, false);

    @ParameterizedTest
    @ValueSource(
        strings = {
          "CREATE TEMP TABLE t (a int)",
          "CREATE TEMPORARY VIEW v AS SELECT 1",
          "CREATE TEMP SEQUENCE s",
          "CREATE TABLE pg_temp.t (a int)",
          "DROP TABLE pg_temp.t",
          "SELECT 1 AS a INTO TEMP t",
          "CREATE TEMP TABLE t AS SELECT 1",
          "EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1"
        })
    void allowsTemporaryObjectsByDefault(String sql) {
      assertThat(onTenant(sql)).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "CREATE TEMP TABLE t (a int)",
          "CREATE TEMPORARY VIEW v AS SELECT 1",
          "CREATE TABLE pg_temp.t (a int)",
          "SELECT 1 AS a INTO TEMP t"
        })
    void refusesTemporaryObjectsWhenTheWorkspaceDisablesThem(String sql) {
      Decision.Reject reject = rejected(decide(ConnectionMode.TENANT, noTempTables, sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("temporary tables are disabled for this workspace");
      assertThat(reject.hint()).contains("allow_temp_tables").contains(WORKSPACE);
    }

    @Test
    void allowsTemporaryObjectsInWorkspacesWhateverTheSetting() {
      assertThat(decide(ConnectionMode.WORKSPACE, noTempTables, "CREATE TEMP TABLE t (a int)"))
          .isEqualTo(Decision.ALLOW);
    }

    @Test
    void stillRefusesOrdinaryDdlAsDdlWhenTemporaryObjectsAreDisabled() {
      assertThat(
              rejected(decide(ConnectionMode.TENANT, noTempTables, "CREATE TABLE t (a int)"))
                  .message())
          .isEqualTo(Policy.TENANT_DDL_MESSAGE);
    }
  }

  @Nested
  final class StatementTimeout {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "SET statement_timeout = '5s'",
          "SET statement_timeout = 5000",
          "SET statement_timeout TO '30s'",
          "SET statement_timeout = '0.5min'",
          "SET statement_timeout = '30000'",
          "SET statement_timeout = '1ms'",
          "SET statement_timeout = '0.6'",
          "SET statement_timeout = '2000000us'",
          "SET LOCAL statement_timeout = '100ms'",
          "SET SESSION statement_timeout = '10 s'",
          "SET statement_timeout TO DEFAULT",
          "SET statement_timeout = DEFAULT",
          "RESET statement_timeout",
          "RESET ALL",
          "SELECT set_config('statement_timeout', '5s', false)",
          "SELECT set_config('statement_timeout', '20000', true)"
        })
    void allowsValuesUpToTheWorkspaceLimitAndTheDefault(String sql) {
      assertThat(onTenant(sql)).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SET statement_timeout = 0",
          "SET statement_timeout = '0'",
          "SET statement_timeout = '0s'",
          "SET statement_timeout = '30001'",
          "SET statement_timeout = '31s'",
          "SET statement_timeout = '1min'",
          "SET statement_timeout = '1h'",
          "SET statement_timeout = '1d'",
          "SET statement_timeout = '0.4'",
          "SET statement_timeout = '100us'",
          "SET statement_timeout = '0.00001min'",
          "SET statement_timeout = '-1'",
          "SET statement_timeout = 'forever'",
          "SET LOCAL statement_timeout = 0",
          "SET LOCAL statement_timeout = '1min'",
          "SELECT set_config('statement_timeout', '0', false)",
          "SELECT set_config('statement_timeout', '1min', true)",
          "SELECT set_config('statement_timeout', $1, false)"
        })
    void refusesNoTimeoutAndValuesAboveTheWorkspaceLimit(String sql) {
      Decision.Reject reject = rejected(onTenant(sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("statement_timeout cannot exceed the workspace limit of 30000 ms");
      assertThat(reject.hint()).contains("query_timeout_ms").contains(WORKSPACE);
    }

    @Test
    void usesTheWorkspaceQueryTimeoutAsTheLimit() {
      WorkspaceSettings fiveSeconds =
          WorkspaceSettings.defaults().with(Setting.QUERY_TIMEOUT_MS, 5000);

      assertThat(decide(ConnectionMode.TENANT, fiveSeconds, "SET statement_timeout = '5s'"))
          .isEqualTo(Decision.ALLOW);
      assertThat(
              rejected(decide(ConnectionMode.TENANT, fiveSeconds, "SET statement_timeout = '6s'"))
                  .message())
          .isEqualTo("statement_timeout cannot exceed the workspace limit of 5000 ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET statement_timeout = 0", "SET statement_timeout = '7d'"})
    void allowsAnyTimeoutWhenTheWorkspaceHasNoLimit(String sql) {
      WorkspaceSettings noLimit = WorkspaceSettings.defaults().with(Setting.QUERY_TIMEOUT_MS, 0);

      assertThat(decide(ConnectionMode.TENANT, noLimit, sql)).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @EnumSource(
        value = ConnectionMode.class,
        names = {"CONTROL", "WORKSPACE"})
    void leavesTheTimeoutFreeOutsideTenants(ConnectionMode mode) {
      assertThat(decide(mode, "SET statement_timeout = 0")).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @CsvSource({
      "5000, 5000",
      "'0.4', 0",
      "'0.5', 0",
      "'0.6', 1",
      "'1.5', 2",
      "'100us', 0",
      "'1500us', 2",
      "'0.0004s', 0",
      "'0.0006s', 1",
      "'1.5s', 1500",
      "'0.00001min', 0",
      "'0.5min', 30000",
      "'1h', 3600000",
      "'0.01h', 60000",
      "'2.5', 2",
      "'1d', 86400000",
      "' 5 s ', 5000",
      "'30000.4', 30000"
    })
    void roundsDurationsLikePostgres(String value, double expectedMs) {
      assertThat(SettingCeiling.Unit.MILLISECONDS.parse(value)).isEqualTo(expectedMs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "0x10", "1e3", "5 seconds", "+5", ".5"})
    void readsValuesItDoesNotUnderstandAsNotANumber(String value) {
      assertThat(SettingCeiling.Unit.MILLISECONDS.parse(value)).isNaN();
    }
  }

  @Nested
  final class StandardConformingStrings {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "SET standard_conforming_strings = off",
          "SET standard_conforming_strings TO false",
          "SET LOCAL standard_conforming_strings = 0",
          "SET standard_conforming_strings = 'no'",
          "SELECT set_config('standard_conforming_strings', 'off', false)",
          "SELECT set_config('standard_conforming_strings', $1, false)"
        })
    void refusesTurningItOffOnTenantsAndWorkspaces(String sql) {
      for (ConnectionMode mode :
          new ConnectionMode[] {ConnectionMode.TENANT, ConnectionMode.WORKSPACE}) {
        Decision.Reject reject = rejected(decide(mode, sql));

        assertThat(reject.sqlState()).isEqualTo("0A000");
        assertThat(reject.message())
            .isEqualTo("standard_conforming_strings cannot be turned off through tdb");
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SET standard_conforming_strings = on",
          "SET standard_conforming_strings TO 'true'",
          "SET standard_conforming_strings TO DEFAULT",
          "RESET standard_conforming_strings",
          "SHOW standard_conforming_strings"
        })
    void allowsKeepingItOn(String sql) {
      assertThat(decide(ConnectionMode.TENANT, sql)).isEqualTo(Decision.ALLOW);
      assertThat(decide(ConnectionMode.WORKSPACE, sql)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void leavesItToTheApplicationInControlMode() {
      assertThat(decide(ConnectionMode.CONTROL, "SET standard_conforming_strings = off"))
          .isEqualTo(Decision.ALLOW);
    }
  }

  @Nested
  final class EveryMode {
    @ParameterizedTest
    @EnumSource(ConnectionMode.class)
    void refusesPrivilegedCommandsNamingTheCommand(ConnectionMode mode) {
      Decision.Reject reject = rejected(decide(mode, "CREATE DATABASE other"));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("CREATE DATABASE is not allowed through tdb");
      assertThat(reject.hint()).contains("managed by the tdb admin service");
    }

    @ParameterizedTest
    @EnumSource(ConnectionMode.class)
    void refusesRoleMembershipGrants(ConnectionMode mode) {
      assertThat(rejected(decide(mode, "GRANT admin TO app")).message())
          .isEqualTo("GRANT is not allowed through tdb");
    }
  }

  @Nested
  final class UnrecognizedText {
    @Test
    void refusesUnknownStatementsOnTenants() {
      Decision.Reject reject = rejected(onTenant("FROBNICATE everything"));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo("statement not recognized by tdb");
    }

    @Test
    void refusesMalformedTextOnTenantsWithSyntaxError() {
      Decision.Reject reject = rejected(onTenant("SELECT 1; SELECT 'open"));

      assertThat(reject.sqlState()).isEqualTo("42601");
      assertThat(reject.message()).isEqualTo("unterminated quoted string, comment or parenthesis");
    }

    @Test
    void refusesUnknownStatementsBehindExplainOnTenants() {
      assertThat(rejected(onTenant("EXPLAIN garbage here")).message())
          .isEqualTo("statement not recognized by tdb");
    }

    @ParameterizedTest
    @EnumSource(
        value = ConnectionMode.class,
        names = {"WORKSPACE", "CONTROL"})
    void leavesUnrecognizedTextToTheServersSyntaxErrorElsewhere(ConnectionMode mode) {
      for (String sql :
          List.of("FROBNICATE everything", "SELECT 1; SELECT 'open", "EXPLAIN garbage here")) {
        assertThat(decide(mode, sql)).as(sql).isEqualTo(Decision.ALLOW);
      }
    }

    @ParameterizedTest
    @EnumSource(
        value = ConnectionMode.class,
        names = {"WORKSPACE", "CONTROL"})
    void stillRefusesAPrivilegedStatementBesideUnrecognizedText(ConnectionMode mode) {
      assertThat(rejected(decide(mode, "INVALID SYNTAX; CREATE ROLE r")).message())
          .isEqualTo("CREATE ROLE is not allowed through tdb");
    }
  }

  @Nested
  final class Extensions {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "CREATE EXTENSION citext",
          "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public VERSION '1.3' CASCADE",
          "create extension \"uuid-ossp\"",
          "ALTER EXTENSION pg_trgm UPDATE TO '1.6'",
          "ALTER EXTENSION hstore UPDATE",
          "DROP EXTENSION IF EXISTS citext, hstore CASCADE"
        })
    void allowsTrustedExtensionsInWorkspacesAndRefusesThemOnTenants(String sql) {
      assertThat(decide(ConnectionMode.WORKSPACE, sql)).isEqualTo(Decision.ALLOW);
      assertThat(decide(ConnectionMode.CONTROL, sql)).isEqualTo(Decision.ALLOW);
      Decision.Reject reject = rejected(onTenant(sql));
      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message()).isEqualTo(Policy.TENANT_DDL_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "CREATE EXTENSION adminpack | adminpack",
          "CREATE EXTENSION IF NOT EXISTS \"File_FDW\" | File_FDW",
          "ALTER EXTENSION plpython3u UPDATE | plpython3u",
          "DROP EXTENSION citext, dblink | dblink"
        })
    void refusesOtherExtensionsInWorkspacesNamingThemAndTheTrustedOnes(String sql, String name) {
      Decision.Reject reject = rejected(decide(ConnectionMode.WORKSPACE, sql));

      assertThat(reject.sqlState()).isEqualTo("42501");
      assertThat(reject.message())
          .isEqualTo("extension \"" + name + "\" is not trusted and cannot be part of a blueprint");
      assertThat(reject.hint())
          .contains("citext, cube")
          .contains("uuid-ossp")
          .contains("install " + name + " only outside blueprints and tenants");
    }

    @Test
    void refusesChangingWhatBelongsToAnExtensionEverywhere() {
      String sql = "ALTER EXTENSION citext ADD FUNCTION f()";
      for (ConnectionMode mode : ConnectionMode.values()) {
        assertThat(rejected(decide(mode, sql)).message())
            .isEqualTo("ALTER EXTENSION is not allowed through tdb");
      }
    }
  }

  @Nested
  final class ControlAndWorkspaceModes {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "CREATE TABLE t (a int)",
          "DROP TABLE t",
          "SELECT * INTO t FROM u",
          "TRUNCATE t",
          "DO $$ BEGIN NULL; END $$",
          "CLUSTER t",
          "COPY t FROM '/tmp/t.csv'",
          "SET ROLE admin",
          "SELECT pg_read_file('x')",
          "SET statement_timeout = 0",
          "GRANT SELECT ON t TO PUBLIC"
        })
    void allowWhatTenantsAreRefused(String sql) {
      assertThat(rejected(onTenant(sql)).sqlState()).isEqualTo("42501");
      assertThat(decide(ConnectionMode.CONTROL, sql)).isEqualTo(Decision.ALLOW);
      assertThat(decide(ConnectionMode.WORKSPACE, sql)).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
          "EXPLAIN (ANALYZE, BUFFERS) SELECT 1 INTO t",
          "explain analyse create materialized view v as select 1"
        })
    void refusesDdlRunByExplainAnalyzeInWorkspacesBecauseCaptureCannotSeeIt(String sql) {
      Decision.Reject reject = rejected(decide(ConnectionMode.WORKSPACE, sql));
      assertThat(reject.sqlState()).isEqualTo("0A000");
      assertThat(reject.message())
          .isEqualTo("EXPLAIN ANALYZE of DDL is not allowed in a workspace");
      assertThat(reject.hint()).contains("without EXPLAIN ANALYZE");
      assertThat(decide(ConnectionMode.CONTROL, sql)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void allowsExplainWithoutAnalyzeOfDdlInWorkspacesSinceNothingRuns() {
      assertThat(decide(ConnectionMode.WORKSPACE, "EXPLAIN CREATE TABLE t AS SELECT 1"))
          .isEqualTo(Decision.ALLOW);
    }

    @Test
    void exposesModeAndSettings() {
      WorkspaceSettings settings = WorkspaceSettings.defaults().with(Setting.MAX_CONNECTIONS, 7);
      Policy policy = Policy.of(ConnectionMode.WORKSPACE, WORKSPACE, settings);

      assertThat(policy.mode()).isEqualTo(ConnectionMode.WORKSPACE);
      assertThat(policy.settings()).isSameAs(settings);
    }
  }
}
