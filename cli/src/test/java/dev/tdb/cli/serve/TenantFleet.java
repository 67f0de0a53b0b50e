/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static dev.tdb.cli.serve.ServiceProcesses.get;
import static dev.tdb.cli.serve.ServiceProcesses.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Clusters, blueprints and tenants made through an admin service's REST API as one account, and
 * read back on the PostgreSQL servers themselves as their superuser.
 */
final class TenantFleet {
  private final Map<Integer, TestPostgres> servers;
  private final String auth;

  /** Acts with {@code auth}; {@code servers} are the PostgreSQL servers by port. */
  TenantFleet(Map<Integer, TestPostgres> servers, String auth) {
    this.servers = servers;
    this.auth = auth;
  }

  /** Registers {@code server} as cluster {@code name}. */
  void registerCluster(URI admin, String name, TestPostgres server) throws Exception {
    post(
        admin,
        auth,
        "/v1/clusters",
        Map.of(
            "name", name,
            "host", server.host(),
            "port", server.port(),
            "superuser", server.superuser(),
            "password", server.password(),
            "ssl_mode", "disable",
            "capacity", 1000));
  }

  /** A tenant workspace for {@code blueprint}, placed on {@code cluster}. */
  void workspace(URI admin, String blueprint, String cluster) throws Exception {
    post(
        admin,
        auth,
        "/v1/workspaces",
        Map.of("name", blueprint + "_workspace", "mode", "workspace", "cluster", cluster));
  }

  /**
   * Creates tenants {@code t0}… of {@code blueprint}, four at a time (each holds one of its cluster
   * pool's connections), taking {@code clusters} in turn.
   */
  void tenants(URI admin, String blueprint, int count, List<String> clusters) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<JsonNode>> creations = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Map<String, Object> body =
            Map.of(
                "blueprint",
                blueprint,
                "name",
                "t" + i,
                "cluster",
                clusters.get(i % clusters.size()));
        creations.add(() -> post(admin, auth, "/v1/tenants", body));
      }
      for (Future<JsonNode> creation : pool.invokeAll(creations)) {
        creation.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Runs {@code ddl} in the blueprint's workspace as its runtime role, so it is captured. */
  void change(URI admin, String blueprint, String ddl) throws Exception {
    JsonNode entry = get(admin, auth, "/v1/routing/" + blueprint + "_workspace");
    try (Connection connection =
            DriverManager.getConnection(
                url(entry), entry.get("role").asText(), entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    }
  }

  /**
   * {@code "<rows in applied> <version>/<pending version or 0>"} of a tenant database, read as the
   * superuser of the server it is on.
   */
  String appliedAndVersion(URI admin, String logical) throws Exception {
    return inTenant(
            admin,
            logical,
            "SELECT (SELECT count(*) FROM applied) || ' ' || version || '/'"
                + " || coalesce(pending_version, 0) FROM tdb_catalog.schema_version")
        .get(0);
  }

  /** The first column of every row of {@code sql} in a tenant database, run as the superuser. */
  List<String> inTenant(URI admin, String logical, String sql) throws Exception {
    JsonNode entry = get(admin, auth, "/v1/routing/" + logical);
    TestPostgres server = servers.get(entry.get("port").asInt());
    try (Connection connection =
        DriverManager.getConnection(url(entry), server.superuser(), server.password())) {
      return column(connection, sql);
    }
  }

  /** The first column of every row of a superuser query on every server. */
  List<String> everywhere(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    for (TestPostgres server : servers.values()) {
      try (Connection connection = server.connect()) {
        values.addAll(column(connection, sql));
      }
    }
    return values;
  }

  /** Drops the databases and roles named with {@code prefix} on every server. */
  void dropAllNamed(String prefix) throws SQLException {
    for (TestPostgres server : servers.values()) {
      server.dropAllNamed(prefix);
    }
  }

  private static List<String> column(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static String url(JsonNode entry) {
    return "jdbc:postgresql://"
        + entry.get("host").asText()
        + ":"
        + entry.get("port").asInt()
        + "/"
        + entry.get("database").asText()
        + "?sslmode="
        + entry.get("ssl_mode").asText();
  }
}
