/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static dev.tdb.cli.serve.ServiceProcesses.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Two admin servers (A, B) on one metadata database and two proxies (1, 2) on admin B, each a
 * process started from the built {@code tdb.jar} with its own YAML file, over two PostgreSQL
 * servers registered as clusters {@code one} and {@code two}. A creates the first account, whose
 * credentials the tests act with.
 */
final class ReplicaSet {
  /** The deployment lease's TTL on both admin servers ({@code deployments.lease_ttl}). */
  static final Duration LEASE_TTL = Duration.ofSeconds(3);

  /** How often they renew it ({@code deployments.lease_renew_interval}). */
  static final Duration LEASE_RENEW = Duration.ofSeconds(1);

  /** The proxies' {@code drain_timeout}. */
  static final Duration PROXY_DRAIN = Duration.ofSeconds(5);

  /** What {@code tdb admin serve} logs once it serves, with the port it bound. */
  private static final Pattern ADMIN_PORT =
      Pattern.compile("tdb admin: serving http://[^:]+:(\\d+)/");

  /** What {@code tdb proxy serve} logs once it serves, with the ports it bound. */
  private static final Pattern PROXY_PORTS =
      Pattern.compile("tdb proxy: serving port (\\d+), management port (\\d+)");

  final ServiceProcesses processes;
  final TestPostgres metadata;
  final String metadataDatabase;
  final URI uriA;
  final URI uriB;
  final Process adminA;
  final Process adminB;
  final String user;
  final String secret;
  final String auth;
  final TenantFleet fleet;
  final int port1;
  final int port2;
  final int management1;
  final int management2;
  final Process proxy1;
  final Process proxy2;

  /**
   * Starts A and waits for it; then starts B and the proxies, registers the clusters and creates
   * the proxies' API key on A. The proxies may not be ready yet: see {@link #awaitProxiesReady}.
   * Every service binds port 0 and the set reads the port it got from its log: a port picked free
   * beforehand can be taken, by a test in another JVM or as the local port of an outgoing
   * connection, in the seconds before the service binds it.
   */
  ReplicaSet(Path dir, TestPostgres one, TestPostgres two) throws Exception {
    processes = new ServiceProcesses(dir);
    metadata = one;
    metadataDatabase = one.createDatabase("tdb_failover");
    processes.write("metadata.password", one.password());
    processes.write("secret.key", SecretKey.generate().base64() + "\n");
    Path account = dir.resolve("first-account.json");
    adminA = startAdmin(dir, "admin-a", "first_account_file: " + account);
    uriA = adminUri(adminA, "admin-a");
    processes.awaitStatus(adminA, uriA.resolve("/readyz"), 200);
    JsonNode credentials = ServiceProcesses.JSON.readTree(account.toFile());
    user = credentials.get("user").asText();
    secret = credentials.get("secret").asText();
    auth = ServiceProcesses.basic(user, secret);
    fleet = new TenantFleet(Map.of(one.port(), one, two.port(), two), auth);

    adminB = startAdmin(dir, "admin-b", "");
    uriB = adminUri(adminB, "admin-b");
    fleet.registerCluster(uriA, "one", one);
    fleet.registerCluster(uriA, "two", two);
    String apiKey = post(uriA, auth, "/v1/apikeys", Map.of("name", "proxies")).get("key").asText();
    processes.awaitStatus(adminB, uriB.resolve("/readyz"), 200);
    proxy1 = startProxy("proxy-1", apiKey);
    proxy2 = startProxy("proxy-2", apiKey);
    List<Integer> ports1 = processes.loggedPorts(proxy1, "proxy-1", PROXY_PORTS);
    List<Integer> ports2 = processes.loggedPorts(proxy2, "proxy-2", PROXY_PORTS);
    port1 = ports1.get(0);
    management1 = ports1.get(1);
    port2 = ports2.get(0);
    management2 = ports2.get(1);
  }

  /** Waits until both proxies' {@code /readyz} answer 200. */
  void awaitProxiesReady() throws Exception {
    processes.awaitStatus(proxy1, managementUri(management1, "/readyz"), 200);
    processes.awaitStatus(proxy2, managementUri(management2, "/readyz"), 200);
  }

  static URI managementUri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Kills what still runs, drops what was made with names starting with {@code prefix} and the
   * metadata database.
   */
  void close(String prefix) throws InterruptedException, SQLException {
    processes.close();
    fleet.dropAllNamed(prefix);
    metadata.dropDatabase(metadataDatabase);
  }

  private URI adminUri(Process admin, String name) throws IOException {
    return URI.create(
        "http://127.0.0.1:" + processes.loggedPorts(admin, name, ADMIN_PORT).get(0) + "/");
  }

  private Process startAdmin(Path dir, String name, String extra) throws IOException {
    Path yaml =
        processes.write(
            name + ".yaml",
            """
            metadata:
              url: %s
              user: %s
              password_file: %s
              pool_size: 8
            secret_key_file: %s
            http:
              port: 0
            deployments:
              lease_ttl: %ds
              lease_renew_interval: %ds
            drain_timeout: 20s
            %s
            """
                .formatted(
                    metadata.jdbcUrl(metadataDatabase),
                    metadata.superuser(),
                    dir.resolve("metadata.password"),
                    dir.resolve("secret.key"),
                    LEASE_TTL.toSeconds(),
                    LEASE_RENEW.toSeconds(),
                    extra));
    return processes.start(name, "admin", yaml, Map.of());
  }

  /** A proxy on admin B, which no test kills before it stops the proxies. */
  private Process startProxy(String name, String apiKey) throws IOException {
    Path yaml =
        processes.write(
            name + ".yaml",
            """
            listen:
              port: 0
            admin:
              url: %s
            tls:
              mode: disabled
            management:
              port: 0
            drain_timeout: %ds
            """
                .formatted(uriB, PROXY_DRAIN.toSeconds()));
    return processes.start(name, "proxy", yaml, Map.of("TDB_PROXY_ADMIN_API_KEY", apiKey));
  }
}
