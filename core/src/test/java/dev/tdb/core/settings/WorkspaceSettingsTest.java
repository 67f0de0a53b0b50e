/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, ranges, messages and JSON form of a workspace's settings (docs/sql-policy.md). */
final class WorkspaceSettingsTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void defaultsToTheDocumentedValues() {
    WorkspaceSettings defaults = WorkspaceSettings.defaults();

    assertThat(defaults.maxRowsPerQuery()).isEqualTo(100_000);
    assertThat(defaults.queryTimeoutMs()).isEqualTo(30_000);
    assertThat(defaults.maxConnections()).isEqualTo(20);
    assertThat(defaults.allowTempTables()).isTrue();
    assertThat(defaults.allowAdvisoryLocks()).isFalse();
    assertThat(defaults.idleInTransactionTimeoutMs()).isEqualTo(60_000);
    assertThat(defaults.tempFileLimitKb()).isEqualTo(1_048_576);
    assertThat(defaults.workMemKb()).isEqualTo(4_096);
    assertThat(WorkspaceSettings.fromMap(Map.of())).isEqualTo(defaults);
  }

  @Test
  void describesEverySettingWithItsDocumentedKeyDefaultAndRange() {
    assertThat(Setting.values())
        .extracting(Setting::key, Setting::defaultValue, Setting::min, Setting::max)
        .containsExactly(
            tuple("max_rows_per_query", 100_000L, 0L, 1_000_000_000L),
            tuple("query_timeout_ms", 30_000L, 0L, 86_400_000L),
            tuple("max_connections", 20L, 1L, 10_000L),
            tuple("allow_temp_tables", true, 0L, 1L),
            tuple("allow_advisory_locks", false, 0L, 1L),
            tuple("idle_in_transaction_timeout_ms", 60_000L, 0L, 86_400_000L),
            tuple("temp_file_limit_kb", 1_048_576L, 0L, 2_147_483_647L),
            tuple("work_mem_kb", 4_096L, 64L, 16_777_216L),
            tuple("query_log", "off", 0L, 0L),
            tuple("query_log_sample_percent", 100L, 0L, 100L),
            tuple("query_log_min_duration_ms", 1_000L, 0L, 86_400_000L),
            tuple("query_log_literals", false, 0L, 1L),
            tuple("pool_mode", "session", 0L, 0L));
    assertThat(Setting.keys())
        .isEqualTo(
            "max_rows_per_query, query_timeout_ms, max_connections, allow_temp_tables,"
                + " allow_advisory_locks, idle_in_transaction_timeout_ms, temp_file_limit_kb,"
                + " work_mem_kb, query_log, query_log_sample_percent, query_log_min_duration_ms,"
                + " query_log_literals, pool_mode");
    assertThat(Setting.QUERY_LOG.choices()).containsExactly("off", "all", "slow");
    assertThat(Setting.ALLOW_TEMP_TABLES.isBoolean()).isTrue();
    assertThat(Setting.ALLOW_ADVISORY_LOCKS.isBoolean()).isTrue();
    assertThat(Setting.MAX_CONNECTIONS.isBoolean()).isFalse();
    assertThat(Setting.values()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
  }

  @ParameterizedTest
  @CsvSource({
    "max_rows_per_query, 0",
    "max_rows_per_query, 1000000000",
    "query_timeout_ms, 0",
    "query_timeout_ms, 86400000",
    "max_connections, 1",
    "max_connections, 10000"
  })
  void acceptsTheEndsOfEachRange(String key, long value) {
    WorkspaceSettings settings = WorkspaceSettings.fromMap(Map.of(key, value));

    assertThat(settings.toMap()).containsEntry(key, value);
  }

  @ParameterizedTest
  @CsvSource({
    "max_rows_per_query, -1, 'max_rows_per_query must be an integer from 0 to 1000000000, got -1'",
    "max_rows_per_query, 1000000001,"
        + " 'max_rows_per_query must be an integer from 0 to 1000000000, got 1000000001'",
    "query_timeout_ms, -1, 'query_timeout_ms must be an integer from 0 to 86400000, got -1'",
    "query_timeout_ms, 86400001,"
        + " 'query_timeout_ms must be an integer from 0 to 86400000, got 86400001'",
    "max_connections, 0, 'max_connections must be an integer from 1 to 10000, got 0'",
    "max_connections, 10001, 'max_connections must be an integer from 1 to 10000, got 10001'"
  })
  void refusesValuesOutsideTheRangeNamingKeyAndRange(String key, long value, String message) {
    assertThatThrownBy(() -> WorkspaceSettings.fromMap(Map.of(key, value)))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessage(message);
  }

  @Test
  void refusesNonIntegersForNumericSettings() {
    assertThatThrownBy(() -> WorkspaceSettings.fromMap(Map.of("max_connections", 1.5)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("max_connections must be an integer from 1 to 10000, got 1.5");
    assertThatThrownBy(() -> WorkspaceSettings.fromMap(Map.of("max_connections", "12abc")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("max_connections must be an integer from 1 to 10000, got '12abc'");
  }

  @Test
  void refusesAnythingButABooleanForAllowTempTables() {
    assertThatThrownBy(() -> WorkspaceSettings.fromMap(Map.of("allow_temp_tables", "maybe")))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("allow_temp_tables"))
        .hasMessage("allow_temp_tables must be true or false, got 'maybe'");
  }

  @ParameterizedTest
  @CsvSource({
    "true, true",
    "on, true",
    "YES, true",
    "1, true",
    "false, false",
    "off, false",
    "no, false",
    "0, false"
  })
  void readsTheUsualBooleanSpellings(String raw, boolean expected) {
    assertThat(WorkspaceSettings.fromMap(Map.of("allow_temp_tables", raw)).allowTempTables())
        .isEqualTo(expected);
  }

  @Test
  void readsNumericStrings() {
    assertThat(WorkspaceSettings.fromMap(Map.of("max_connections", " 250 ")).maxConnections())
        .isEqualTo(250);
  }

  @ParameterizedTest
  @ValueSource(strings = {"max_rows", "maxConnections", "MAX_CONNECTIONS", ""})
  void refusesUnknownKeysListingTheKnownOnes(String key) {
    assertThatThrownBy(() -> WorkspaceSettings.fromMap(Map.of(key, 1)))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessage(
            "unknown setting '"
                + key
                + "'; known settings: max_rows_per_query, query_timeout_ms, max_connections,"
                + " allow_temp_tables, allow_advisory_locks, idle_in_transaction_timeout_ms,"
                + " temp_file_limit_kb, work_mem_kb, query_log, query_log_sample_percent,"
                + " query_log_min_duration_ms, query_log_literals, pool_mode");
  }

  @Test
  void theQueryLogIsOffByDefaultAndTakesOneOfItsWords() {
    WorkspaceSettings defaults = WorkspaceSettings.defaults();
    assertThat(defaults.queryLog()).isEqualTo(QueryLogMode.OFF);
    assertThat(defaults.queryLogLiterals()).isFalse();
    assertThat(defaults.queryLogSamplePercent()).isEqualTo(100);
    WorkspaceSettings slow = defaults.with(Setting.QUERY_LOG, " SLOW ");
    assertThat(slow.queryLog()).isEqualTo(QueryLogMode.SLOW);
    assertThat(slow.toMap()).containsEntry("query_log", "slow");
    assertThatThrownBy(() -> defaults.with(Setting.QUERY_LOG, "some"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("query_log must be one of off, all, slow, got 'some'");
    assertThatThrownBy(() -> defaults.with(Setting.QUERY_LOG_SAMPLE_PERCENT, 101))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("query_log_sample_percent");
  }

  @Test
  void poolsPerSessionByDefaultAndNamesTheModesARefusalAllows() {
    WorkspaceSettings defaults = WorkspaceSettings.defaults();
    assertThat(defaults.poolMode()).isEqualTo(PoolMode.SESSION);
    WorkspaceSettings transaction = defaults.with(Setting.POOL_MODE, "Transaction");
    assertThat(transaction.poolMode()).isEqualTo(PoolMode.TRANSACTION);
    assertThat(transaction.toMap()).containsEntry("pool_mode", "transaction");
    assertThatThrownBy(() -> defaults.with(Setting.POOL_MODE, "statement"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("pool_mode must be one of session, transaction, got 'statement'");
  }

  @Test
  void validatesValuesGivenToTheConstructor() {
    assertThatThrownBy(
            () ->
                new WorkspaceSettings(
                    100,
                    30_000,
                    0,
                    true,
                    false,
                    0,
                    0,
                    4096,
                    QueryLogMode.OFF,
                    100,
                    1000,
                    false,
                    PoolMode.SESSION))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("max_connections");
  }

  @Test
  void changesOneSettingIntoANewValueLeavingTheOriginalAlone() {
    WorkspaceSettings defaults = WorkspaceSettings.defaults();

    WorkspaceSettings changed = defaults.with(Setting.QUERY_TIMEOUT_MS, "5000");

    assertThat(changed.queryTimeoutMs()).isEqualTo(5000);
    assertThat(changed.maxConnections()).isEqualTo(defaults.maxConnections());
    assertThat(defaults.queryTimeoutMs()).isEqualTo(30_000);
    assertThatThrownBy(() -> defaults.with(Setting.QUERY_TIMEOUT_MS, -5))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void listsValuesByKeyInTheOrderOfTheSettings() {
    assertThat(WorkspaceSettings.defaults().toMap())
        .containsExactly(
            Map.entry("max_rows_per_query", 100_000L),
            Map.entry("query_timeout_ms", 30_000L),
            Map.entry("max_connections", 20L),
            Map.entry("allow_temp_tables", true),
            Map.entry("allow_advisory_locks", false),
            Map.entry("idle_in_transaction_timeout_ms", 60_000L),
            Map.entry("temp_file_limit_kb", 1_048_576L),
            Map.entry("work_mem_kb", 4_096L),
            Map.entry("query_log", "off"),
            Map.entry("query_log_sample_percent", 100L),
            Map.entry("query_log_min_duration_ms", 1_000L),
            Map.entry("query_log_literals", false),
            Map.entry("pool_mode", "session"));
  }

  @Test
  void writesJsonWithSnakeCaseKeys() throws JsonProcessingException {
    assertThat(json.writeValueAsString(WorkspaceSettings.defaults()))
        .isEqualTo(
            "{\"max_rows_per_query\":100000,\"query_timeout_ms\":30000,"
                + "\"max_connections\":20,\"allow_temp_tables\":true,"
                + "\"allow_advisory_locks\":false,\"idle_in_transaction_timeout_ms\":60000,"
                + "\"temp_file_limit_kb\":1048576,\"work_mem_kb\":4096,\"query_log\":\"off\","
                + "\"query_log_sample_percent\":100,\"query_log_min_duration_ms\":1000,"
                + "\"query_log_literals\":false,\"pool_mode\":\"session\"}");
  }

  @Test
  void readsBackTheJsonItWrites() throws JsonProcessingException {
    WorkspaceSettings settings =
        WorkspaceSettings.fromMap(
            Map.of(
                "max_rows_per_query", 0,
                "query_timeout_ms", 86_400_000,
                "max_connections", 7,
                "allow_temp_tables", false));

    String written = json.writeValueAsString(settings);

    assertThat(json.readValue(written, WorkspaceSettings.class)).isEqualTo(settings);
  }

  @Test
  void readsPartialJsonWithDefaultsForMissingKeys() throws JsonProcessingException {
    WorkspaceSettings settings =
        json.readValue("{\"max_connections\": 5}", WorkspaceSettings.class);

    assertThat(settings).isEqualTo(WorkspaceSettings.defaults().with(Setting.MAX_CONNECTIONS, 5));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"maxConnections\": 5}",
        "{\"max_connections\": 5, \"colour\": \"blue\"}",
        "{\"max_connections\": 0}",
        "{\"allow_temp_tables\": \"sometimes\"}"
      })
  void refusesJsonWithUnknownKeysOrInvalidValues(String text) {
    assertThatThrownBy(() -> json.readValue(text, WorkspaceSettings.class))
        .hasRootCauseInstanceOf(InvalidSettingException.class);
  }

  @Test
  void namesTheUnknownJsonKeyInTheError() {
    assertThatThrownBy(() -> json.readValue("{\"colour\": \"blue\"}", WorkspaceSettings.class))
        .rootCause()
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("unknown setting 'colour'");
  }

  @Test
  void readsLongsNumericStringsAndBooleanWordsFromJson() throws JsonProcessingException {
    List<String> texts =
        List.of(
            "{\"max_rows_per_query\": 5000000000}",
            "{\"max_rows_per_query\": \"5000\"}",
            "{\"allow_temp_tables\": \"off\"}");

    assertThatThrownBy(() -> json.readValue(texts.get(0), WorkspaceSettings.class))
        .rootCause()
        .hasMessage("max_rows_per_query must be an integer from 0 to 1000000000, got 5000000000");
    assertThat(json.readValue(texts.get(1), WorkspaceSettings.class).maxRowsPerQuery())
        .isEqualTo(5000);
    assertThat(json.readValue(texts.get(2), WorkspaceSettings.class).allowTempTables()).isFalse();
  }
}
