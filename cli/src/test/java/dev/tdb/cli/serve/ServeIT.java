/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
  @TempDir Path dir;
  private ServiceProcesses processes;

  @BeforeEach
  void processes() {
    processes = new ServiceProcesses(dir);
  }

  @AfterEach
  void killLeftovers() throws InterruptedException {
    processes.close();
  }

  @Test
  void adminAndProxyServeFromTheirFilesAndExitZeroOnSigterm(TestPostgres postgres)
      throws Exception {
    String database = postgres.createDatabase("tdb_serve");
    int adminPort = ServiceProcesses.freePort();
    Path accountFile = dir.resolve("first-account.json");
    Path adminYaml =
        processes.write(
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
                    processes.write("metadata.password", postgres.password()),
                    processes.write("secret.key", SecretKey.generate().base64() + "\n"),
                    accountFile));
    // The variable wins over the file's port 1, which the service could not bind.
    Process admin =
        processes.start("admin", "admin", adminYaml, Map.of("TDB_ADMIN_HTTP_PORT", "" + adminPort));
    try {
      URI adminUri = URI.create("http://127.0.0.1:" + adminPort + "/");
      processes.awaitStatus(admin, adminUri.resolve("/readyz"), 200);
      processes.awaitLog(admin, "admin", "tdb admin: serving");
      assertThat(Files.getPosixFilePermissions(accountFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      JsonNode account = ServiceProcesses.JSON.readTree(accountFile.toFile());
      String user = account.get("user").asText();
      String secret = account.get("secret").asText();
      String apiKey = setUpTenant(adminUri, user, secret, postgres);
      runProxy(adminUri, apiKey, user, secret);
    } finally {
      processes.assertExitsZeroOnSigterm(admin);
    }
    assertThat(processes.log("admin"))
        .contains("tdb admin: stopped")
        .doesNotContain(postgres.password());
  }

  @Test
  void aBadFileStopsTheServiceBeforeItStartsNamingTheKeyAndLine() throws Exception {
    Path yaml =
        processes.write("admin.yaml", "metadata:\n  url: jdbc:postgresql://x/y\n  usr: tdb\n");
    Process admin = processes.start("admin", "admin", yaml, Map.of());
    assertThat(admin.waitFor(ServiceProcesses.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(admin.exitValue()).isEqualTo(ServeErrors.CONFIG_ERROR);
    assertThat(processes.log("admin"))
        .contains("error: unknown key metadata.usr (admin.yaml line 3)")
        .contains("hint: known keys here: metadata.password_file, metadata.pool_size");
  }

  /** A cluster, a blueprint workspace, tenant myapp__acme and an API key for the proxy. */
  private static String setUpTenant(URI admin, String user, String secret, TestPostgres postgres)
      throws Exception {
    String auth = ServiceProcesses.basic(user, secret);
    ServiceProcesses.post(
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
    ServiceProcesses.post(
        admin, auth, "/v1/workspaces", Map.of("name", "myapp_workspace", "mode", "workspace"));
    ServiceProcesses.post(admin, auth, "/v1/tenants", Map.of("blueprint", "myapp", "name", "acme"));
    return ServiceProcesses.post(admin, auth, "/v1/apikeys", Map.of("name", "proxy"))
        .get("key")
        .asText();
  }

  /**
   * Starts the proxy on the admin service with its API key from the environment, connects through
   * it, then stops it with SIGTERM: an idle session ends with 57P01 and the process exits 0.
   */
  private void runProxy(URI admin, String apiKey, String user, String secret) throws Exception {
    int port = ServiceProcesses.freePort();
    int management = ServiceProcesses.freePort();
    Path proxyYaml =
        processes.write(
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
    Process proxy =
        processes.start("proxy", "proxy", proxyYaml, Map.of("TDB_PROXY_ADMIN_API_KEY", apiKey));
    Connection idle = null;
    try {
      processes.awaitStatus(proxy, URI.create("http://127.0.0.1:" + management + "/readyz"), 200);
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
      processes.assertExitsZeroOnSigterm(proxy);
    }
    assertThat(processes.log("proxy")).contains("tdb proxy: stopped").doesNotContain(apiKey);
    Connection ended = idle;
    assertThatThrownBy(() -> ended.createStatement().execute("SELECT 1"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
    ended.close();
  }
}
