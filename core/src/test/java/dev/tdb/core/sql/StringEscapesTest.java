/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text read as a session with standard_conforming_strings off reads it. */
final class StringEscapesTest {
  private static final String HIDDEN_DO =
      "SELECT 'x\\' , $a$ ' ; DO $d$BEGIN RAISE NOTICE 'ran'; END$d$; SELECT 1 --$a$";

  @Test
  void readsABackslashQuoteAsTheEndOfAStringWithStandardStrings() {
    assertThat(SqlSplitter.split(HIDDEN_DO, StringEscapes.STANDARD)).hasSize(1);
  }

  @Test
  void readsABackslashQuoteAsAnEscapedQuoteWithStandardStringsOff() {
    Classification classification =
        SqlClassifier.create().classify(HIDDEN_DO, StringEscapes.BACKSLASH);

    assertThat(classification.statements())
        .extracting(ClassifiedStatement::kind)
        .containsExactly(StatementKind.READ, StatementKind.UTILITY, StatementKind.READ);
  }

  @Test
  void neverServesABackslashReadingFromTheCacheOfStandardReadings() {
    SqlClassifier classifier = SqlClassifier.create();
    classifier.classify(HIDDEN_DO);
    classifier.classify(HIDDEN_DO);

    assertThat(classifier.classify(HIDDEN_DO).statements()).hasSize(1);
    assertThat(classifier.classify(HIDDEN_DO, StringEscapes.BACKSLASH).statements()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"N'x\\'; DROP TABLE t; --'", "'x\\'; DROP TABLE t; --'"})
  void appliesBackslashEscapesToPlainAndNationalStrings(String sql) {
    assertThat(SqlSplitter.split("SELECT " + sql, StringEscapes.BACKSLASH)).hasSize(1);
    assertThat(SqlSplitter.split("SELECT " + sql, StringEscapes.STANDARD)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"B'1\\'; SELECT 2", "X'1\\'; SELECT 2", "$$x\\$$; SELECT 2"})
  void leavesBitHexAndDollarStringsAlone(String sql) {
    assertThat(SqlSplitter.split("SELECT " + sql, StringEscapes.BACKSLASH)).hasSize(2);
  }

  @Test
  void readsOnlyOnAsStandard() {
    assertThat(StringEscapes.ofSetting("on")).isEqualTo(StringEscapes.STANDARD);
    assertThat(StringEscapes.ofSetting(" ON ")).isEqualTo(StringEscapes.STANDARD);
    assertThat(StringEscapes.ofSetting("off")).isEqualTo(StringEscapes.BACKSLASH);
    assertThat(StringEscapes.ofSetting(null)).isEqualTo(StringEscapes.BACKSLASH);
  }
}
