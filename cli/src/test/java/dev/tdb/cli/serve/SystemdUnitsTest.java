/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.cli.up.TdbMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The unit files in {@code deploy/systemd/}: their {@code ExecStart} is a real {@code tdb} command,
 * every variable they set is one of the service's configuration keys, secrets come from
 * credentials, and systemd waits for the drain before it kills.
 */
final class SystemdUnitsTest {
  private static final Path DIR = Path.of("../deploy/systemd");

  /** What the services take for the final closing after drain_timeout (docs/operations.md). */
  private static final Duration FINAL_CLOSING = Duration.ofSeconds(5);

  @Test
  void adminUnitRunsAdminServe() throws IOException {
    check(
        "tdb-admin.service",
        "admin",
        AdminServeConfig.ENV_PREFIX,
        AdminServeConfig.KEYS,
        AdminServeConfig.DRAIN_TIMEOUT);
  }

  @Test
  void proxyUnitRunsProxyServe() throws IOException {
    check(
        "tdb-proxy.service",
        "proxy",
        ProxyServeConfig.ENV_PREFIX,
        ProxyServeConfig.KEYS,
        ProxyServeConfig.DRAIN_TIMEOUT);
  }

  private static void check(
      String file, String service, String envPrefix, List<ConfigKey> keys, ConfigKey drain)
      throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve(file));
    assertRunsServe(lines, service);
    assertVariablesNameCredentials(lines, file, envPrefix, keys);
    Duration stop = Duration.ofSeconds(Long.parseLong(value(lines, "TimeoutStopSec").get(0)));
    Duration drainDefault = Duration.parse("PT" + drain.defaultValue().toUpperCase(Locale.ROOT));
    assertThat(stop).isGreaterThan(drainDefault.plus(FINAL_CLOSING));
    assertThat(value(lines, "KillSignal")).containsExactly("SIGTERM");
    assertThat(value(lines, "User")).containsExactly("tdb");
    assertThat(value(lines, "NoNewPrivileges")).containsExactly("yes");
    assertThat(value(lines, "ProtectSystem")).containsExactly("strict");
    assertThat(value(lines, "CapabilityBoundingSet")).containsExactly("");
  }

  /** ExecStart runs java -jar with arguments that parse as {@code tdb SERVICE serve --config}. */
  private static void assertRunsServe(List<String> lines, String service) {
    List<String> exec = List.of(value(lines, "ExecStart").get(0).split(" +"));
    assertThat(exec.get(0)).endsWith("/java");
    List<String> args = exec.subList(exec.indexOf("-jar") + 2, exec.size());
    PrintWriter out = new PrintWriter(new StringWriter());
    CommandLine.ParseResult result =
        TdbMain.commandLine(out, out).parseArgs(args.toArray(String[]::new));
    List<String> names = new ArrayList<>();
    while (result.hasSubcommand()) {
      result = result.subcommand();
      names.add(result.commandSpec().name());
    }
    assertThat(names).containsExactly(service, "serve");
    assertThat(result.<Path>matchedOptionValue("--config", null))
        .isEqualTo(Path.of("/etc/tdb/" + service + ".yaml"));
  }

  /** Each Environment= is a secret key's _FILE variable naming a LoadCredential= file. */
  private static void assertVariablesNameCredentials(
      List<String> lines, String file, String envPrefix, List<ConfigKey> keys) {
    Set<String> variables = new HashSet<>();
    for (ConfigKey key : keys) {
      variables.add(key.envName(envPrefix));
      if (key.type() == ConfigKey.Type.SECRET) {
        variables.add(key.envName(envPrefix) + "_FILE");
      }
    }
    Set<String> credentials = new HashSet<>();
    value(lines, "LoadCredential").forEach(c -> credentials.add(c.substring(0, c.indexOf(':'))));
    assertThat(value(lines, "Environment")).isNotEmpty();
    for (String environment : value(lines, "Environment")) {
      String name = environment.substring(0, environment.indexOf('='));
      String path = environment.substring(environment.indexOf('=') + 1);
      assertThat(variables).as("%s: a configuration key's variable", file).contains(name);
      assertThat(name).as("a secret comes from a file, never the unit").endsWith("_FILE");
      assertThat(path).startsWith("%d/");
      assertThat(credentials).contains(path.substring(3));
    }
  }

  /** Every value of {@code key} in the unit, in order. */
  private static List<String> value(List<String> lines, String key) {
    return lines.stream()
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1))
        .toList();
  }
}
