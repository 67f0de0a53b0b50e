/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.cli.Profile;
import dev.tdb.admin.cli.TdbCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdb up} as a user runs it: a separate JVM with its own embedded PostgreSQL, stopped with a
 * signal and started again on the same data.
 */
final class TdbUpIT {
  private static final Pattern TENANT_URL =
      Pattern.compile("postgresql://([^:]+):([^@]+)@([^:/]+):(\\d+)/(myapp__acme)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @Test
  void startsEverythingPrintsWorkingConnectionsAndFindsItAgainAfterARestart(@TempDir Path dir)
      throws Exception {
    // When tests run as root, PostgreSQL runs as nobody, which must be able to enter this folder.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path home = dir.resolve("home");
    int postgresPort = freePort();
    int proxyPort = freePort();

    String firstOutput;
    Profile profile;
    Process first = start(home, postgresPort, proxyPort);
    try {
      firstOutput = awaitUp(first);
      assertThat(firstOutput).contains("tdb is up.").contains("controlplane_workspace");
      profile = Profile.read(home).orElseThrow();
      assertThat(firstOutput).contains(profile.user());
      assertThat(Files.getPosixFilePermissions(Profile.file(home)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      try (Connection tenant = connect(firstOutput)) {
        assertThat(tenant.createStatement().executeQuery("select 1").next()).isTrue();
        assertThatThrownBy(() -> tenant.createStatement().execute("create table t (id int)"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("DDL not allowed on tenant databases - use workspace mode")
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
      }
      assertThat(cli(profile, "tenants", "create", "myapp__globex")).isZero();
    } finally {
      stop(first);
    }
    assertThatThrownBy(() -> connect(firstOutput)).isInstanceOf(SQLException.class);

    Process second = start(home, postgresPort, proxyPort);
    try {
      String secondOutput = awaitUp(second);
      Profile again = Profile.read(home).orElseThrow();
      assertThat(again.user()).isEqualTo(profile.user());
      StringWriter out = new StringWriter();
      int code =
          TdbCli.run(
              withCredentials(again, "tenants", "list"),
              new PrintWriter(out),
              new PrintWriter(new StringWriter()));
      assertThat(code).isZero();
      assertThat(out.toString()).contains("myapp__acme").contains("myapp__globex");
      try (Connection tenant = connect(secondOutput)) {
        assertThat(tenant.isValid(5)).isTrue();
      }
    } finally {
      stop(second);
    }
  }

  private static Process start(Path home, int postgresPort, int proxyPort) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            TdbCli.class.getName(),
            "up",
            "--home",
            home.toString(),
            "--port",
            "0",
            "--postgres-port",
            Integer.toString(postgresPort),
            "--proxy-port",
            Integer.toString(proxyPort));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the process's output until the welcome is complete; returns it. */
  private static String awaitUp(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> welcome =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  seen.append(line).append('\n');
                  if (line.startsWith("Ctrl-C stops tdb")) {
                    drainInBackground(reader);
                    return seen.toString();
                  }
                }
              } catch (IOException e) {
                seen.append(e);
              }
              throw new AssertionError("tdb up ended before it was up:\n" + seen);
            });
    return welcome.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Keeps reading so the child never blocks on a full pipe. */
  private static void drainInBackground(BufferedReader reader) {
    Thread drain =
        new Thread(
            () -> {
              try {
                while (reader.readLine() != null) {
                  // discard
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
  }

  /** Stops the process as Ctrl-C would (its shutdown hooks run) and waits for it. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tdb up did not stop within 60 s of SIGTERM");
    }
  }

  private static Connection connect(String welcome) throws SQLException {
    Matcher m = TENANT_URL.matcher(welcome);
    assertThat(m.find()).as("a proxy URL for myapp__acme in:\n%s", welcome).isTrue();
    String password = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
    // The printed URL goes through the proxy with TLS, as psql would use it.
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + m.group(3)
            + ":"
            + m.group(4)
            + "/"
            + m.group(5)
            + "?sslmode=require",
        m.group(1),
        password);
  }

  private static int cli(Profile profile, String... args) {
    return TdbCli.run(
        withCredentials(profile, args),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }

  private static String[] withCredentials(Profile profile, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--url", URI.create(profile.url()).toString(),
            "--user", profile.user(),
            "--secret", profile.secret()));
    return all.toArray(String[]::new);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
