/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand of the full {@code tdb} explains itself. */
final class CommandHelpTest {
  @Test
  void everyCommandAnswersHelpWithItsUsageRealLabelsAndAnExample() {
    List<List<String>> paths = new ArrayList<>();
    collect(TdbMain.commandLine(quiet(), quiet()), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(40).contains(List.of("tenants", "create"), List.of("up"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Run run = run(args);
      String name = String.join(" ", path);
      assertThat(run.code()).as("tdb %s --help: %s", name, run.err()).isZero();
      assertThat(run.out())
          .as("tdb %s --help", name)
          .contains("Usage: tdb" + (path.isEmpty() ? "" : " " + name))
          .doesNotContain("<arg")
          .contains("Examples:");
      String examples = run.out().substring(run.out().indexOf("Examples:"));
      assertThat(examples).as("tdb %s examples", name).contains("tdb " + name);
    }
  }

  @Test
  void labelsOptionsOfMethodCommandsByTheirNames() {
    Run run = run(List.of("tenants", "create", "--help"));
    assertThat(run.out()).contains("--blueprint=<blueprint>").contains("--cluster=<cluster>");
  }

  @Test
  void helpNamesACommandAndASubcommand() {
    Run tenants = run(List.of("help", "tenants"));
    assertThat(tenants.code()).isZero();
    assertThat(tenants.out()).startsWith("Usage: tdb tenants");
    Run up = run(List.of("help", "up"));
    assertThat(up.code()).isZero();
    assertThat(up.out()).startsWith("Usage: tdb up");
  }

  @Test
  void servicesTakeNoClientOptionsSoNoSecretOnTheirCommandLine() {
    for (String service : List.of("admin", "proxy")) {
      Run help = run(List.of(service, "serve", "--help"));
      assertThat(help.out())
          .startsWith("Usage: tdb " + service + " serve")
          .contains("--config")
          .doesNotContain("--secret", "--api-key", "--url", "--user");
      Run secret = run(List.of(service, "serve", "--config", "x.yaml", "--secret", "s"));
      assertThat(secret.code()).isEqualTo(2);
      assertThat(secret.err()).contains("Unknown options: '--secret', 's'");
    }
  }

  @Test
  void printsACompletionScriptForEveryCommand() {
    Run completion = run(List.of("completion"));
    assertThat(completion.code()).isZero();
    assertThat(completion.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_tdb")
        .contains("tenants")
        .contains("up")
        .contains("--blueprint");
  }

  @Test
  void refusesAnUnknownOptionWithExitCodeTwo() {
    Run run = run(List.of("tenants", "create", "myapp__globex", "--bogus"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("Unknown option: '--bogus'").contains("Examples:");
  }

  private record Run(int code, String out, String err) {}

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TdbMain.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getKey());
      collect(sub.getValue(), next, paths);
    }
  }

  private static PrintWriter quiet() {
    return new PrintWriter(new StringWriter());
  }
}
