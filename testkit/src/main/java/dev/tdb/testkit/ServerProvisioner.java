/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Finds or starts the server for one name, trying the three sources in order. */
final class ServerProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(ServerProvisioner.class);
  private static final String URL_ENV = "TDB_TEST_POSTGRES_URL";
  private static final String FORCE_ENV = "TDB_TEST_POSTGRES";
  private static final String IMAGE = "postgres:17-alpine";
  private static final String SUPERUSER = "tdb_test";

  private ServerProvisioner() {}

  static ProvisionedServer provision(String name) {
    String urlVariable =
        name.equals(PostgresExtension.PRIMARY)
            ? URL_ENV
            : URL_ENV + "_" + name.toUpperCase(Locale.ROOT);
    String url = System.getenv(urlVariable);
    ProvisionedServer server;
    if (url != null && !url.isBlank()) {
      server = external(url, urlVariable);
    } else if (wants("testcontainers") || (!wants("embedded") && dockerAnswers())) {
      server = container();
    } else {
      server = embedded();
    }
    LOG.info("Test PostgreSQL '{}': {}", name, server.postgres());
    return server;
  }

  private static boolean wants(String kind) {
    return kind.equalsIgnoreCase(System.getenv(FORCE_ENV));
  }

  /**
   * Asks Testcontainers only when some Docker configuration exists: its full discovery takes
   * seconds on machines without any engine.
   */
  private static boolean dockerAnswers() {
    boolean configured =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"));
    return configured && DockerClientFactory.instance().isDockerAvailable();
  }

  private static ProvisionedServer external(String url, String variable) {
    Map<String, String> parts = parseUrl(url, variable);
    TestPostgres postgres =
        new TestPostgres(
            TestPostgres.Kind.EXTERNAL,
            parts.get("host"),
            Integer.parseInt(parts.get("port")),
            parts.get("user"),
            parts.getOrDefault("password", ""),
            parts.get("database"));
    return new ProvisionedServer(postgres, () -> {});
  }

  /**
   * Reads {@code postgresql://user:password@host:port/database} or {@code
   * jdbc:postgresql://host:port/database?user=..&password=..}.
   */
  static Map<String, String> parseUrl(String url, String variable) {
    String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    URI uri = URI.create(plain);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          variable + " must be a postgresql:// or jdbc:postgresql:// URL");
    }
    Map<String, String> parts = new HashMap<>();
    parts.put("host", uri.getHost());
    parts.put("port", Integer.toString(uri.getPort() == -1 ? 5432 : uri.getPort()));
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    parts.put("database", path.isEmpty() ? "postgres" : path);
    if (uri.getRawUserInfo() != null) {
      String[] userInfo = uri.getRawUserInfo().split(":", 2);
      parts.put("user", decode(userInfo[0]));
      if (userInfo.length == 2) {
        parts.put("password", decode(userInfo[1]));
      }
    }
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && (kv[0].equals("user") || kv[0].equals("password"))) {
          parts.put(kv[0], decode(kv[1]));
        }
      }
    }
    if (parts.get("host") == null || parts.get("user") == null) {
      throw new IllegalArgumentException(variable + " must name a host and a user");
    }
    return parts;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static ProvisionedServer container() {
    PostgreSQLContainer container =
        new PostgreSQLContainer(IMAGE)
            .withUsername(SUPERUSER)
            .withPassword(randomPassword())
            .withDatabaseName("postgres");
    container.start();
    TestPostgres postgres =
        new TestPostgres(
            TestPostgres.Kind.TESTCONTAINERS,
            container.getHost(),
            container.getMappedPort(5432),
            container.getUsername(),
            container.getPassword(),
            "postgres");
    return new ProvisionedServer(postgres, container::stop);
  }

  private static ProvisionedServer embedded() {
    // Tests open many connections at once (pools, tenants, proxies); the default 100 is tight.
    EmbeddedPostgres server =
        EmbeddedPostgres.start(
            PostgresOptions.throwaway(SUPERUSER, randomPassword())
                .withServerSettings(Map.of("max_connections", "300")));
    return new ProvisionedServer(TestPostgres.of(server), server);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
