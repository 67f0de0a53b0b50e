/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.AdminConfig;
import dev.tdb.testkit.MetricsScrape;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdb admin serve} and {@code tdb proxy serve} as an operator runs them: separate processes
 * started from the built {@code tdb.jar}, each from its YAML file, against the test PostgreSQL,
 * stopped with SIGTERM.
 */
@ExtendWith(PostgresExtension.class)
final class ServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Path JAR = Path.of("target/tdb.jar");

  @TempDir Path dir;

  @Test
  void adminAndProxyServeFromTheirFilesAndExitZeroOnSigterm(TestPostgres postgres)
      throws Exception {
    String database = postgres.createDatabase("tdb_serve");
    int adminPort = freePort();
    Path accountFile = dir.resolve("first-account.json");
    Path adminYaml =
        write(
            "admin.yaml",
            """
            metadata:
              url: %s
              user: %s
              password_file: %s
              pool_size: 4
            secret_key_file: %s
            http:
              port: 1
            first_account_file: %s
            drain_timeout: 20s
            """
                .formatted(
                    postgres.jdbcUrl(database),
                    postgres.superuser(),
                    write("metadata.password", postgres.password()),
                    write("secret.key", AdminConfig.generateSecretKey() + "\n"),
                    accountFile));
    // The variable wins over the file's port 1, which the service could not bind.
    Process admin = start("admin", adminYaml, Map.of("TDB_ADMIN_HTTP_PORT", "" + adminPort));
    try {
      URI adminUri = URI.create("http://127.0.0.1:" + adminPort + "/");
      awaitStatus(admin, adminUri.resolve("/readyz"), 200);
      assertThat(Files.getPosixFilePermissions(accountFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      JsonNode account = JSON.readTree(accountFile.toFile());
      String user = account.get("user").asText();
      String secret = account.get("secret").asText();
      String apiKey = setUpTenant(adminUri, user, secret, postgres);
      runProxy(adminUri, apiKey, user, secret);
    } finally {
      assertExitsZeroOnSigterm(admin);
    }
    assertThat(log("admin")).contains("tdb admin: stopped").doesNotContain(postgres.password());
  }

  @Test
  void aBadFileStopsTheServiceBeforeItStartsNamingTheKeyAndLine() throws Exception {
    Path yaml = write("admin.yaml", "metadata:\n  url: jdbc:postgresql://x/y\n  usr: tdb\n");
    Process admin = start("admin", yaml, Map.of());
    assertThat(admin.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(admin.exitValue()).isEqualTo(ServeErrors.CONFIG_ERROR);
    assertThat(log("admin"))
        .contains("error: unknown key metadata.usr (admin.yaml line 3)")
        .contains("hint: known keys here: metadata.password_file, metadata.pool_size");
  }

  /** A cluster, a blueprint workspace, tenant myapp__acme and an API key for the proxy. */
  private static String setUpTenant(URI admin, String user, String secret, TestPostgres postgres)
      throws Exception {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    post(
        admin,
        auth,
        "/v1/clusters",
        Map.of(
            "name", "serve-it",
            "host", postgres.host(),
            "port", postgres.port(),
            "superuser", postgres.superuser(),
            "password", postgres.password(),
            "ssl_mode", "disable"));
    post(admin, auth, "/v1/workspaces", Map.of("name", "myapp_workspace", "mode", "workspace"));
    post(admin, auth, "/v1/tenants", Map.of("blueprint", "myapp", "name", "acme"));
    return post(admin, auth, "/v1/apikeys", Map.of("name", "proxy")).get("key").asText();
  }

  /**
   * Starts the proxy on the admin service with its API key from the environment, connects through
   * it, then stops it with SIGTERM: an idle session ends with 57P01 and the process exits 0.
   */
  private void runProxy(URI admin, String apiKey, String user, String secret) throws Exception {
    int port = freePort();
    int management = freePort();
    Path proxyYaml =
        write(
            "proxy.yaml",
            """
            listen:
              port: %d
            admin:
              url: %s
            tls:
              mode: disabled
            management:
              port: %d
            drain_timeout: 5s
            """
                .formatted(port, admin, management));
    Process proxy = start("proxy", proxyYaml, Map.of("TDB_PROXY_ADMIN_API_KEY", apiKey));
    Connection idle = null;
    try {
      awaitStatus(proxy, URI.create("http://127.0.0.1:" + management + "/readyz"), 200);
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/myapp__acme?sslmode=disable";
      idle = DriverManager.getConnection(url, user, secret);
      try (Statement statement = idle.createStatement()) {
        // A tenant database takes no DDL (that is the workspace's): a query shows the route.
        try (ResultSet rs = statement.executeQuery("SELECT 40 + 2, current_user")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(42);
          assertThat(rs.getString(2)).isNotEqualTo(user);
        }
      }
    } finally {
      assertExitsZeroOnSigterm(proxy);
    }
    assertThat(log("proxy")).contains("tdb proxy: stopped").doesNotContain(apiKey);
    Connection ended = idle;
    assertThatThrownBy(() -> ended.createStatement().execute("SELECT 1"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
    ended.close();
  }

  private Process start(String service, Path config, Map<String, String> env) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(java, "-jar", JAR.toString(), service, "serve", "--config", config.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(service + ".log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private String log(String service) throws IOException {
    return Files.readString(dir.resolve(service + ".log"));
  }

  private void assertExitsZeroOnSigterm(Process process) throws Exception {
    process.destroy();
    boolean exited = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("stopped within %s", STOP_TIMEOUT).isTrue();
    assertThat(process.exitValue()).as(logOf(process)).isZero();
  }

  private String logOf(Process process) {
    try (var files = Files.list(dir)) {
      StringBuilder logs = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        logs.append(file.getFileName()).append(":\n").append(Files.readString(file));
      }
      return logs.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void awaitStatus(Process process, URI uri, int status) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      assertThat(process.isAlive()).as("the service runs: %s", logOf(process)).isTrue();
      try {
        if (MetricsScrape.status(uri) == status) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      assertThat(System.nanoTime()).as(uri + " answering " + status).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static JsonNode post(URI admin, String auth, String path, Map<String, ?> body)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(admin.resolve(path))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
