/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ChangeCutterTest {
  private static final String AT = "2026-01-01T00:00:00Z";

  private static CapturedCommand command(long id, String query, String tag, String xact) {
    return new CapturedCommand(id, query, tag, null, "ws__rt", 42, xact, AT);
  }

  @Test
  void cutsEachDdlStatementOfOneStringAndLeavesDmlOut() {
    String query = "CREATE TABLE a (id int); INSERT INTO a VALUES (1); CREATE INDEX i ON a (id);";
    List<CapturedChange> changes =
        ChangeCutter.cut(
            List.of(
                command(1, query, "CREATE TABLE", "7"), command(2, query, "CREATE INDEX", "7")));
    assertThat(changes)
        .extracting(CapturedChange::sql)
        .containsExactly("CREATE TABLE a (id int)", "CREATE INDEX i ON a (id)");
    assertThat(changes).extracting(CapturedChange::sourceId).containsExactly(1L, 2L);
  }

  @Test
  void skipsStatementsThatFiredNothingAndMarksConcurrentIndexes() {
    String query = "DROP TABLE IF EXISTS gone; CREATE INDEX CONCURRENTLY i ON a (id)";
    List<CapturedChange> changes =
        ChangeCutter.cut(List.of(command(1, query, "CREATE INDEX", "7")));
    assertThat(changes)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.sql()).isEqualTo("CREATE INDEX CONCURRENTLY i ON a (id)");
              assertThat(change.nonTransactional()).isTrue();
            });
  }

  @Test
  void keepsTheSameTextRunInTwoTransactionsAsTwoChanges() {
    String query = "ALTER TABLE a ADD COLUMN IF NOT EXISTS b int";
    List<CapturedChange> changes =
        ChangeCutter.cut(
            List.of(command(1, query, "ALTER TABLE", "7"), command(2, query, "ALTER TABLE", "8")));
    assertThat(changes).extracting(CapturedChange::sql).containsExactly(query, query);
  }

  @Test
  void mergesDdlRunByADoBlockIntoOneChangeWithoutSessionStatements() {
    String query = "RESET ROLE; DO $$ BEGIN EXECUTE 'CREATE TABLE x ()'; END $$";
    List<CapturedChange> changes =
        ChangeCutter.cut(
            List.of(
                command(1, query, "CREATE TABLE", "7"), command(2, query, "CREATE TABLE", "7")));
    assertThat(changes)
        .extracting(CapturedChange::sql)
        .containsExactly("DO $$ BEGIN EXECUTE 'CREATE TABLE x ()'; END $$");
  }

  @Test
  void neverMatchesOrKeepsStatementsOnTemporaryObjects() {
    String query =
        "CREATE TEMP TABLE scratch (id int); CREATE TABLE kept (id int);"
            + " CREATE TABLE pg_temp.other (id int)";
    String merged =
        "CREATE TEMPORARY VIEW v AS SELECT 1; DO $$ BEGIN EXECUTE 'CREATE TABLE x ()'; END $$";
    List<CapturedChange> changes =
        ChangeCutter.cut(
            List.of(
                command(1, query, "CREATE TABLE", "7"), command(2, merged, "CREATE TABLE", "8")));
    assertThat(changes)
        .extracting(CapturedChange::sql)
        .containsExactly(
            "CREATE TABLE kept (id int)", "DO $$ BEGIN EXECUTE 'CREATE TABLE x ()'; END $$");
  }
}
