/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever the text, splitting and classifying never throw, always end, and cut the text into
 * contiguous ranges that cover it exactly; the policy decides every classification.
 */
final class SqlSplitterPropertyTest {
  private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

  private static final List<String> FRAGMENTS =
      List.of(
          "'",
          "''",
          "\"",
          "\"\"",
          "$$",
          "$tag$",
          "$1",
          "$",
          "a$b",
          "/*",
          "*/",
          "--",
          ";",
          "\n",
          "\r",
          " ",
          "\t",
          "(",
          ")",
          "E'",
          "E'\\'",
          "e'\\\\'",
          "\\",
          "B'",
          "X'",
          "N'",
          "U&'",
          "U&\"",
          " UESCAPE '!'",
          "SELECT ",
          "select 1",
          "INSERT ",
          " INTO ",
          "insert",
          "merge",
          "WITH x AS ",
          "CREATE FUNCTION f() ",
          "CREATE PROCEDURE p() ",
          "BEGIN ATOMIC ",
          "CASE ",
          " END",
          "DROP TABLE t",
          "EXPLAIN ANALYZE ",
          "PREPARE p AS ",
          "DECLARE c CURSOR FOR ",
          "COPY t FROM ",
          "STDIN",
          "PROGRAM ",
          "SET ",
          "RESET ",
          "ROLE ",
          "statement_timeout",
          " = ",
          "'0.4'",
          "set_config(",
          "'role'",
          ",",
          "DO ",
          "GRANT ",
          " ON ",
          "pg_temp.",
          "TEMP ",
          "\u00e9",
          "\u0000",
          "\ud83d\ude00");

  private static final List<Policy> POLICIES =
      List.of(
          Policy.of(ConnectionMode.CONTROL, "controlplane_workspace", WorkspaceSettings.defaults()),
          Policy.of(ConnectionMode.WORKSPACE, "myapp_workspace", WorkspaceSettings.defaults()),
          Policy.of(ConnectionMode.TENANT, "myapp_workspace", WorkspaceSettings.defaults()),
          Policy.of(
              ConnectionMode.TENANT,
              "myapp_workspace",
              WorkspaceSettings.defaults()
                  .with(Setting.ALLOW_TEMP_TABLES, false)
                  .with(Setting.QUERY_TIMEOUT_MS, 0)));

  @Provide
  Arbitrary<String> sqlIsh() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  @Property(tries = 1000)
  void splitsArbitraryText(@ForAll @StringLength(max = 300) String sql) {
    assertSplitCoversExactly(sql);
  }

  @Property(tries = 1000)
  void splitsTextBuiltFromSqlFragments(@ForAll("sqlIsh") String sql) {
    assertSplitCoversExactly(sql);
  }

  @Property(tries = 1000)
  void splitsRandomBytesReadAsLatin1(@ForAll @Size(max = 300) byte[] bytes) {
    assertSplitCoversExactly(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 1000)
  void splitsRandomBytesReadAsUtf8(@ForAll @Size(max = 300) byte[] bytes) {
    assertSplitCoversExactly(new String(bytes, StandardCharsets.UTF_8));
  }

  @Property(tries = 1000)
  void classifiesAndDecidesArbitraryText(@ForAll @StringLength(max = 300) String sql) {
    assertClassifiedAndDecided(sql);
  }

  @Property(tries = 1000)
  void classifiesAndDecidesTextBuiltFromSqlFragments(@ForAll("sqlIsh") String sql) {
    assertClassifiedAndDecided(sql);
  }

  @Property(tries = 1000)
  void classifiesAndDecidesRandomBytesReadAsLatin1(@ForAll @Size(max = 300) byte[] bytes) {
    assertClassifiedAndDecided(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 1000)
  void classifiesAndDecidesRandomBytesReadAsUtf8(@ForAll @Size(max = 300) byte[] bytes) {
    assertClassifiedAndDecided(new String(bytes, StandardCharsets.UTF_8));
  }

  private static void assertSplitCoversExactly(String sql) {
    List<SqlSplitter.Statement> statements =
        assertTimeoutPreemptively(TIME_LIMIT, () -> SqlSplitter.split(sql));

    assertThat(statements).isNotEmpty();
    int expectedStart = 0;
    for (SqlSplitter.Statement statement : statements) {
      assertThat(statement.start()).isEqualTo(expectedStart);
      assertThat(statement.textStart()).isBetween(statement.start(), statement.textEnd());
      assertThat(statement.textEnd()).isLessThanOrEqualTo(statement.end());
      expectedStart = statement.end();
    }
    assertThat(expectedStart).isEqualTo(sql.length());
  }

  private static void assertClassifiedAndDecided(String sql) {
    Classification classification =
        assertTimeoutPreemptively(TIME_LIMIT, () -> SqlClassifier.classifyUncached(sql));

    assertThat(classification.statements()).isNotEmpty();
    int expectedStart = 0;
    for (ClassifiedStatement statement : classification.statements()) {
      assertThat(statement.start()).isEqualTo(expectedStart);
      assertThat(statement.textStart()).isBetween(statement.start(), statement.textEnd());
      assertThat(statement.textEnd()).isLessThanOrEqualTo(statement.end());
      assertThat(statement.text(sql)).isNotNull();
      expectedStart = statement.end();
    }
    assertThat(expectedStart).isEqualTo(sql.length());
    for (Policy policy : POLICIES) {
      Decision decision =
          assertTimeoutPreemptively(TIME_LIMIT, () -> policy.decide(classification));
      assertThat(decision).isNotNull();
    }
  }
}
