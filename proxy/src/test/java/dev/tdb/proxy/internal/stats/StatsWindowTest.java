/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.stats.StatementNormalizer;
import dev.tdb.core.stats.StatementStatsReport;
import dev.tdb.core.stats.StatementStatsReport.StatementStats;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StatsWindowTest {
  private static final Instant START = Instant.parse("2026-12-04T08:00:00Z");
  private static final long MS = 1_000_000;

  private static void record(
      StatsWindow window, String database, String sql, long ms, String sqlState) {
    window.record(
        database,
        StatementNormalizer.fingerprint(sql),
        () -> StatementNormalizer.normalize(sql).text(),
        ms * MS,
        2,
        sqlState);
  }

  private static Map<String, StatementStats> byQuery(StatsWindow window, String database) {
    return window.report(START.plusSeconds(5)).statements().stream()
        .filter(s -> s.database().equals(database))
        .collect(java.util.stream.Collectors.toMap(StatementStats::query, s -> s));
  }

  @Test
  void sumsCallsRowsTimesAndErrorsPerStatement() {
    StatsWindow window = new StatsWindow(START, 10, 100);
    record(window, "app__acme", "SELECT * FROM t WHERE id = 1", 3, null);
    record(window, "app__acme", "select * from t where id = 2", 5, null);
    record(window, "app__acme", "SELECT * FROM t WHERE id = 'x'", 1, "22P02");
    record(window, "app__beta", "SELECT * FROM t WHERE id = 1", 7, null);
    StatementStats acme = byQuery(window, "app__acme").get("SELECT * FROM t WHERE id = $1");
    assertThat(acme.calls()).isEqualTo(3);
    assertThat(acme.rows()).isEqualTo(6);
    assertThat(acme.totalMs()).isEqualTo(9.0);
    assertThat(acme.maxMs()).isEqualTo(5.0);
    assertThat(acme.errors()).containsExactly(Map.entry("22P02", 1L));
    assertThat(byQuery(window, "app__beta").values())
        .singleElement()
        .satisfies(beta -> assertThat(beta.calls()).isEqualTo(1));
  }

  @Test
  void countsStatementsPastTheLimitInTheOtherBucket() {
    StatsWindow window = new StatsWindow(START, 2, 100);
    record(window, "app__acme", "SELECT a FROM t", 1, null);
    record(window, "app__acme", "SELECT b FROM t", 1, null);
    record(window, "app__acme", "SELECT c FROM t", 1, null);
    record(window, "app__acme", "SELECT d FROM t", 1, "42703");
    record(window, "app__acme", "SELECT a FROM t", 1, null);
    Map<String, StatementStats> stats = byQuery(window, "app__acme");
    assertThat(stats).hasSize(3);
    StatementStats other = stats.get(StatementStatsReport.OTHER_QUERY);
    assertThat(other.fingerprint()).isEqualTo(StatementStatsReport.OTHER_FINGERPRINT);
    assertThat(other.calls()).isEqualTo(2);
    assertThat(other.errors()).containsExactly(Map.entry("42703", 1L));
    assertThat(stats.get("SELECT a FROM t").calls()).isEqualTo(2);
    assertThat(window.overflow()).isEqualTo(2);
    assertThat(window.calls()).isEqualTo(5);
  }

  @Test
  void mergingKeepsTheLimitAndEveryCall() {
    StatsWindow kept = new StatsWindow(START, 2, 100);
    record(kept, "app__acme", "SELECT a FROM t", 4, null);
    record(kept, "app__acme", "SELECT b FROM t", 1, null);
    StatsWindow later = new StatsWindow(START.plusSeconds(5), 2, 100);
    record(later, "app__acme", "SELECT a FROM t", 6, null);
    record(later, "app__acme", "SELECT c FROM t", 1, null);
    kept.merge(later);
    Map<String, StatementStats> stats = byQuery(kept, "app__acme");
    assertThat(stats.get("SELECT a FROM t").calls()).isEqualTo(2);
    assertThat(stats.get("SELECT a FROM t").maxMs()).isEqualTo(6.0);
    assertThat(stats.get(StatementStatsReport.OTHER_QUERY).calls()).isEqualTo(1);
    assertThat(kept.calls()).isEqualTo(4);
    assertThat(kept.overflow()).isEqualTo(1);
    assertThat(kept.report(START.plusSeconds(10)).windowStart()).isEqualTo(START.toString());
  }

  @Test
  void cutsTheTextButNotTheFingerprint() {
    StatsWindow window = new StatsWindow(START, 10, 8);
    record(window, "app__acme", "SELECT abcdef FROM t", 1, null);
    StatementStats stats = window.report(START).statements().get(0);
    assertThat(stats.query()).isEqualTo("SELECT a...");
    assertThat(stats.fingerprint())
        .isEqualTo(StatementNormalizer.normalize("SELECT abcdef FROM t").fingerprint());
  }
}
