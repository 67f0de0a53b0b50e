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
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, splitting and classifying never throw, always end, and cut the text into
 * contiguous ranges that cover it exactly; the policy decides every classification. Each property
 * is checked on {@link #TRIES} generated inputs: any characters (unpaired surrogates and NUL
 * included), text built from SQL fragments, and random bytes read as Latin-1 and as UTF-8. The seed
 * differs from run to run and a failure names it; {@code -Dtdb.test.seed=N} replays it.
 */
final class SqlSplitterPropertyTest {
  private static final Duration TIME_LIMIT = Duration.ofSeconds(10);
  private static final int TRIES = 1000;
  private static final int MAX_LENGTH = 300;
  private static final int MAX_FRAGMENTS = 40;

  /** Characters that mean something to the lexer, drawn more often than chance would. */
  private static final String SIGNIFICANT = "'\"$;-/*\\\n\r\t ()&!,.:=0123456789eEbBxXuUnN_";

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

  @Test
  void splitsArbitraryText() {
    check(SqlSplitterPropertyTest::anyChars, SqlSplitterPropertyTest::assertSplitCoversExactly);
  }

  @Test
  void splitsTextBuiltFromSqlFragments() {
    check(SqlSplitterPropertyTest::sqlIsh, SqlSplitterPropertyTest::assertSplitCoversExactly);
  }

  @Test
  void splitsRandomBytesReadAsLatin1() {
    check(
        random -> new String(bytes(random), StandardCharsets.ISO_8859_1),
        SqlSplitterPropertyTest::assertSplitCoversExactly);
  }

  @Test
  void splitsRandomBytesReadAsUtf8() {
    check(
        random -> new String(bytes(random), StandardCharsets.UTF_8),
        SqlSplitterPropertyTest::assertSplitCoversExactly);
  }

  @Test
  void classifiesAndDecidesArbitraryText() {
    check(SqlSplitterPropertyTest::anyChars, SqlSplitterPropertyTest::assertClassifiedAndDecided);
  }

  @Test
  void classifiesAndDecidesTextBuiltFromSqlFragments() {
    check(SqlSplitterPropertyTest::sqlIsh, SqlSplitterPropertyTest::assertClassifiedAndDecided);
  }

  @Test
  void classifiesAndDecidesRandomBytesReadAsLatin1() {
    check(
        random -> new String(bytes(random), StandardCharsets.ISO_8859_1),
        SqlSplitterPropertyTest::assertClassifiedAndDecided);
  }

  @Test
  void classifiesAndDecidesRandomBytesReadAsUtf8() {
    check(
        random -> new String(bytes(random), StandardCharsets.UTF_8),
        SqlSplitterPropertyTest::assertClassifiedAndDecided);
  }

  /**
   * Runs {@code property} on {@link #TRIES} inputs of {@code inputs}; a failure names its input.
   */
  private static void check(Function<SplittableRandom, String> inputs, Consumer<String> property) {
    long seed = Long.getLong("tdb.test.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < TRIES; i++) {
      String input = inputs.apply(random);
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "input "
                + i
                + " of seed "
                + seed
                + " (replay with -Dtdb.test.seed="
                + seed
                + "): "
                + escaped(input),
            e);
      }
    }
  }

  /** Up to {@link #MAX_LENGTH} characters: lexer-significant ones, ASCII, or any UTF-16 unit. */
  private static String anyChars(SplittableRandom random) {
    int length = random.nextInt(MAX_LENGTH + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(3)) {
        case 0 -> text.append(SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
        case 1 -> text.append((char) random.nextInt(0x80));
        default -> text.append((char) random.nextInt(0x10000));
      }
    }
    return text.toString();
  }

  /** Up to {@link #MAX_FRAGMENTS} of {@link #FRAGMENTS}, joined. */
  private static String sqlIsh(SplittableRandom random) {
    int count = random.nextInt(MAX_FRAGMENTS + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
    }
    return text.toString();
  }

  /** Up to {@link #MAX_LENGTH} random bytes. */
  private static byte[] bytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(MAX_LENGTH + 1)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /** {@code text} with every character outside printable ASCII as a Java escape. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
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
