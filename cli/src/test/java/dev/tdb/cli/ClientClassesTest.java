/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The client classes, which {@code tdb-cli.jar} holds with picocli, Jackson and the admin API's
 * contract and client ({@code dev.tdb.core.api}, which uses the JDK and Jackson only) only, use
 * nothing else: no admin service, proxy, PostgreSQL runner, web server or Netty, and not {@code tdb
 * up} or {@code tdb admin|proxy serve} (packages {@code up} and {@code serve}, in {@code tdb.jar}
 * only).
 */
final class ClientClassesTest {
  private static final List<String> ALLOWED =
      List.of("java.", "picocli.", "com.fasterxml.jackson.", "dev.tdb.cli.", "dev.tdb.core.api.");
  private static final List<String> FULL_JAR_ONLY =
      List.of("dev.tdb.cli.up.", "dev.tdb.cli.serve.");

  @Test
  void importNothingButTheJdkPicocliJacksonAndEachOther() {
    List<String> dependencies = dependencies();
    assertThat(dependencies).as("jdeps found the client classes").isNotEmpty();
    TreeSet<String> outside = new TreeSet<>();
    for (String line : dependencies) {
      String[] parts = line.split(" -> ");
      if (isClient(parts[0]) && !isAllowed(parts[1])) {
        outside.add(line);
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void seeTheFullJarCommandsDependenciesSoTheCheckIsReal() {
    for (String full : FULL_JAR_ONLY) {
      assertThat(dependencies())
          .anyMatch(line -> line.startsWith(full) && line.contains("-> dev.tdb.admin."));
    }
  }

  private static boolean isClient(String type) {
    return type.startsWith("dev.tdb.cli.") && !isFullJarOnly(type);
  }

  private static boolean isAllowed(String type) {
    return ALLOWED.stream().anyMatch(type::startsWith) && !isFullJarOnly(type);
  }

  private static boolean isFullJarOnly(String type) {
    return FULL_JAR_ONLY.stream().anyMatch(type::startsWith);
  }

  /** {@code origin -> target} for every class-level dependency of the module's classes. */
  private static List<String> dependencies() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int code =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "-verbose:class",
            "-filter:none",
            "target/classes");
    assertThat(code).as(out.toString()).isZero();
    return out.toString()
        .lines()
        .map(line -> line.strip().split("\\s+"))
        .filter(words -> words.length >= 3 && words[1].equals("->"))
        .map(words -> words[0] + " -> " + words[2])
        .toList();
  }
}
