/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.testkit.MetricsScrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services as an operator runs them, for the CLI's process tests: {@code tdb admin serve} and
 * {@code tdb proxy serve} started from the built {@code tdb.jar}, each logging to its own file in
 * one directory. Closing kills whatever still runs, so a failed test leaves no process behind.
 */
final class ServiceProcesses implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final AdminApiClient.Timeouts TIMEOUTS =
      AdminApiClient.Timeouts.of(Duration.ofMinutes(2));
  private static final Path JAR = Path.of("target/tdb.jar");

  private final Path dir;
  private final List<Process> started = new ArrayList<>();

  ServiceProcesses(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts {@code tdb <service> serve --config <config>} with {@code env} added to this JVM's
   * environment; its output goes to {@code <name>.log}.
   */
  Process start(String name, String service, Path config, Map<String, String> env)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(java, "-jar", JAR.toString(), service, "serve", "--config", config.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    synchronized (started) {
      started.add(process);
    }
    return process;
  }

  /** What the process started as {@code name} wrote so far. */
  String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"));
  }

  /** Every log in the directory, for failure messages. */
  String logs() {
    try (var files = Files.list(dir)) {
      StringBuilder logs = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        logs.append(file.getFileName()).append(":\n").append(Files.readString(file));
      }
      return logs.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Waits, with {@link #START_TIMEOUT}, until {@code uri} answers {@code status}. */
  void awaitStatus(Process process, URI uri, int status) {
    await(uri + " answering " + status)
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(process.isAlive()).as("the service runs: %s", logs()).isTrue();
              try {
                return MetricsScrape.status(uri) == status;
              } catch (IOException e) {
                return false; // not listening yet
              }
            });
  }

  /**
   * Waits, with {@link #START_TIMEOUT}, until the process started as {@code name} logged {@code
   * text}: {@code tdb admin: serving} comes once the first account's file is written, which {@code
   * /readyz} does not wait for.
   */
  void awaitLog(Process process, String name, String text) {
    await(name + " logging " + text)
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(process.isAlive()).as("the service runs: %s", logs()).isTrue();
              return log(name).contains(text);
            });
  }

  /**
   * The numbers in the line the process started as {@code name} logged that matches {@code line},
   * once it has: how a service started on port 0 says which port it bound.
   */
  List<Integer> loggedPorts(Process process, String name, Pattern line) throws IOException {
    await(name + " logging its ports")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(process.isAlive()).as("the service runs: %s", logs()).isTrue();
              return line.matcher(log(name)).find();
            });
    Matcher matcher = line.matcher(log(name));
    assertThat(matcher.find()).isTrue();
    List<Integer> ports = new ArrayList<>();
    for (int group = 1; group <= matcher.groupCount(); group++) {
      ports.add(Integer.parseInt(matcher.group(group)));
    }
    return ports;
  }

  /** Sends SIGTERM and asserts that the process exits 0 within {@link #STOP_TIMEOUT}. */
  void assertExitsZeroOnSigterm(Process process) throws Exception {
    process.destroy();
    assertExitsZero(process);
  }

  /** Asserts that the process (sent SIGTERM already) exits 0 within {@link #STOP_TIMEOUT}. */
  void assertExitsZero(Process process) throws Exception {
    boolean exited = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("stopped within %s", STOP_TIMEOUT).isTrue();
    assertThat(process.exitValue()).as(logs()).isZero();
  }

  /** Writes {@code text} to a new file {@code name} in the directory. */
  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Kills every process still running (SIGKILL) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    synchronized (started) {
      for (Process process : started) {
        process.destroyForcibly();
      }
      for (Process process : started) {
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  /** An HTTP Basic {@code Authorization} value. */
  static String basic(String user, String secret) {
    return AdminApiClient.basic(user, secret);
  }

  /** POSTs {@code body} as JSON, asserts a 200 or 201 and returns the answer. */
  static JsonNode post(URI admin, String auth, String path, Map<String, ?> body) throws Exception {
    AdminApiResponse response = client(admin, auth).exchange(AdminApiCall.post(path, body));
    assertThat(response.status()).as("POST %s: %s", path, response.text()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  /** GETs {@code path}, asserts a 200 and returns the answer. */
  static JsonNode get(URI admin, String auth, String path) throws Exception {
    AdminApiResponse response = client(admin, auth).exchange(AdminApiCall.get(path));
    assertThat(response.status()).as("GET %s: %s", path, response.text()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The admin API at {@code admin} as {@code auth}. */
  static AdminApiClient client(URI admin, String auth) {
    return AdminApiClient.create(admin, auth, Optional.empty(), TIMEOUTS);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
