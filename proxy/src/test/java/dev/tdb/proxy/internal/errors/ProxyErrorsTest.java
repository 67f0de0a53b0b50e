/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The proxy's own errors are written in {@link ProxyErrors} and nowhere else. */
final class ProxyErrorsTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path CATALOGUE =
      SOURCES.resolve("dev/tdb/proxy/internal/errors/ProxyErrors.java");

  /** A string literal of five SQLSTATE characters with a digit, such as "08P01" (not "FATAL"). */
  private static final Pattern SQLSTATE_LITERAL = Pattern.compile("\"(?=[A-Z]*[0-9])[0-9A-Z]{5}\"");

  @Test
  void noOtherSourceMakesARefusalOrSpellsAnSqlState() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      offenders =
          files
              .filter(file -> file.toString().endsWith(".java") && !file.equals(CATALOGUE))
              .filter(ProxyErrorsTest::writesAnError)
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void everyErrorHasAMessage() {
    assertThat(ProxyErrors.passwordFailed("tdb_0000aaaa").message())
        .isEqualTo("password authentication failed for user \"tdb_0000aaaa\"");
    assertThat(ProxyErrors.shuttingDown().sqlState()).isEqualTo("57P01");
    assertThat(ProxyErrors.tooManyUnauthenticated(3).hint()).contains("3 connections");
  }

  private static boolean writesAnError(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("new Decision.Reject(") || SQLSTATE_LITERAL.matcher(text).find();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
