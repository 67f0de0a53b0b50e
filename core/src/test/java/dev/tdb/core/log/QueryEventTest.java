/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QueryEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SqlClassifier CLASSIFIER = SqlClassifier.create();

  @Test
  void encodesEveryFieldInAFixedOrderOnOneLine() throws Exception {
    QueryEvent event =
        new QueryEvent(
            Instant.parse("2026-12-01T10:15:30.123456Z"),
            "tdb_3f9a01c2",
            "myapp__acme",
            "acme",
            StatementKind.WRITE,
            Duration.ofNanos(12_345_678),
            3L,
            null,
            "app-7.internal",
            "UPDATE invoices SET paid = true WHERE id = ?");

    String line = event.toJson();

    assertThat(line)
        .isEqualTo(
            "{\"time\":\"2026-12-01T10:15:30.123456Z\",\"account\":\"tdb_3f9a01c2\","
                + "\"database\":\"myapp__acme\",\"tenant\":\"acme\",\"kind\":\"WRITE\","
                + "\"duration_ms\":12.345,\"rows\":3,\"sqlstate\":null,"
                + "\"client\":\"app-7.internal\","
                + "\"sql\":\"UPDATE invoices SET paid = true WHERE id = ?\"}");
    assertThat(fieldNames(JSON.readTree(line)))
        .containsExactly(
            "time",
            "account",
            "database",
            "tenant",
            "kind",
            "duration_ms",
            "rows",
            "sqlstate",
            "client",
            "sql");
  }

  @Test
  void writesAbsentValuesAsJsonNull() throws Exception {
    JsonNode json =
        JSON.readTree(
            new QueryEvent(
                    Instant.EPOCH,
                    null,
                    "myapp_workspace",
                    null,
                    StatementKind.DDL,
                    Duration.ZERO,
                    null,
                    "42501",
                    null,
                    "DROP TABLE t")
                .toJson());

    assertThat(json.get("tenant").isNull()).isTrue();
    assertThat(json.get("rows").isNull()).isTrue();
    assertThat(json.get("account").isNull()).isTrue();
    assertThat(json.get("duration_ms").asDouble()).isZero();
    assertThat(json.get("sqlstate").asText()).isEqualTo("42501");
  }

  @Test
  void escapesSqlSoThatTheLineStaysOneJsonLine() throws Exception {
    String sql = "SELECT 'a\"b\\c'\n\t-- \u0001 done\r\u2028 ok";
    String line = event(sql).toJson();

    assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u0001");
    assertThat(JSON.readTree(line).get("sql").asText()).isEqualTo(sql);
  }

  @Test
  void truncatesLongSqlAndMarksTheCut() {
    assertThat(QueryEvent.truncate("SELECT 1", 8)).isEqualTo("SELECT 1");
    assertThat(QueryEvent.truncate("SELECT 12", 8)).isEqualTo("SELECT 1...");
    assertThat(QueryEvent.truncate("SELECT 1", 0)).isEqualTo("...");
    assertThatThrownBy(() -> QueryEvent.truncate("SELECT 1", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverSplitsASurrogatePair() {
    String sql = "SELECT '\uD83D\uDE00'";
    assertThat(QueryEvent.truncate(sql, 9)).isEqualTo("SELECT '...");
  }

  @Test
  void namesAMultiStatementTextByItsWeightiestKind() {
    assertThat(QueryEvent.kindOf(CLASSIFIER.classify("SELECT 1"))).isEqualTo(StatementKind.READ);
    assertThat(QueryEvent.kindOf(CLASSIFIER.classify("SELECT 1; DROP TABLE t; SELECT 2")))
        .isEqualTo(StatementKind.DDL);
    assertThat(QueryEvent.kindOf(CLASSIFIER.classify("BEGIN; INSERT INTO t VALUES (1); COMMIT")))
        .isEqualTo(StatementKind.WRITE);
    assertThat(QueryEvent.kindOf(CLASSIFIER.classify("  -- nothing\n")))
        .isEqualTo(StatementKind.EMPTY);
  }

  private static QueryEvent event(String sql) {
    return new QueryEvent(
        Instant.EPOCH,
        "tdb_00000000",
        "db",
        null,
        StatementKind.READ,
        Duration.ofMillis(1),
        1L,
        null,
        "h",
        sql);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
