/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.pooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.sql.SqlClassifier;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionPoolingTest {

  private static Optional<SessionState> stateOf(String sql) {
    return TransactionPooling.sessionState(SqlClassifier.classifyUncached(sql));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE | SETTING",
        "SELECT set_config($1, 'app', false) | SETTING",
        "SELECT 1; SELECT set_config(name, 'c', false) FROM t | SETTING",
        "SELECT pg_advisory_lock(1) | ADVISORY_LOCK",
        "SELECT pg_try_advisory_lock_shared(1, 2) | ADVISORY_LOCK",
        "LISTEN jobs | LISTEN",
        "DECLARE c CURSOR WITH HOLD FOR SELECT 1 | HOLD_CURSOR",
        "declare c scroll cursor with hold for select 1 | HOLD_CURSOR",
        "CREATE TEMP TABLE t (a int) | TEMPORARY_OBJECT",
        "CREATE TEMPORARY VIEW v AS SELECT 1 | TEMPORARY_OBJECT",
        "CREATE TABLE pg_temp.t (a int) | TEMPORARY_OBJECT",
        "SELECT 1 INTO TEMP t | TEMPORARY_OBJECT",
        "PREPARE p AS SELECT 1 | PREPARED_STATEMENT",
        "DISCARD ALL | DISCARD",
        "DISCARD PLANS | DISCARD",
        "EXPLAIN ANALYZE SELECT pg_advisory_lock(1) | ADVISORY_LOCK",
        "SELECT 1; DEALLOCATE ALL | DEALLOCATE_IN_BATCH",
        "deallocate prepare _pg3_0; select 1 | DEALLOCATE_IN_BATCH",
        "BEGIN; DEALLOCATE ALL; COMMIT | DEALLOCATE_IN_BATCH"
      })
  void refusesWhatOutlivesTheTransaction(String sql, SessionState state) {
    assertThat(stateOf(sql)).contains(state);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "SET LOCAL search_path = app",
        "set local statement_timeout = 5",
        "SELECT set_config('search_path', 'app', true)",
        "SELECT set_config('a.b', 'c', 'on')",
        "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "RESET search_path",
        "SELECT pg_advisory_xact_lock(1)",
        "SELECT pg_try_advisory_xact_lock_shared(1)",
        "SELECT pg_advisory_unlock(1)",
        "DECLARE c CURSOR FOR SELECT 1",
        "DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1",
        "CREATE TEMP TABLE t (a int) ON COMMIT DROP",
        "CREATE TEMP TABLE t ON COMMIT DROP AS SELECT 1",
        "DROP TABLE pg_temp.t",
        "UNLISTEN *",
        "DEALLOCATE ALL",
        "DEALLOCATE PREPARE _pg3_0",
        "NOTIFY jobs",
        "CREATE TABLE t (a int)",
        "SELECT 'SET search_path = x'",
        "SET search_path = app",
        "SELECT set_config('search_path', 'app', $1)",
        "BEGIN; INSERT INTO t VALUES (1); COMMIT"
      })
  void allowsWhatEndsWithTheTransaction(String sql) {
    assertThat(stateOf(sql)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SET search_path = app | search_path",
        "set session work_mem = '8MB' | work_mem",
        "SET TIME ZONE 'UTC' | timezone",
        "SELECT set_config('search_path', 'app', false), set_config('A.b', 'c', 'off') | "
            + "search_path a.b",
        "RESET ALL | all",
        "SET LOCAL work_mem = '8MB' | ''",
        "SELECT set_config('work_mem', '8MB', true) | ''",
        "SELECT 1 | ''"
      })
  void namesTheSettingsAStatementChangesForTheSession(String sql, String names) {
    assertThat(TransactionPooling.sessionSettings(SqlClassifier.classifyUncached(sql)))
        .containsExactly(names.isEmpty() ? new String[0] : names.split(" "));
  }

  @Test
  void everyStateSaysWhatItIs() {
    for (SessionState state : SessionState.values()) {
      assertThat(state.what()).isNotBlank();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DO $$ BEGIN PERFORM set_config('a.b', 'c', false); END $$ | true",
        "CALL refresh() | true",
        "SELECT 1; DO 'begin null; end' | true",
        "SELECT * FROM t WHERE a = 1 | false",
        "INSERT INTO t VALUES (1) | false"
      })
  void codeTheClassifierCannotReadIsNotVouchedFor(String sql, boolean unvouched) {
    assertThat(TransactionPooling.unvouched(SqlClassifier.classifyUncached(sql)))
        .isEqualTo(unvouched);
  }
}
