/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.sources.SourcePolicy;
import dev.tdb.testkit.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An admin service on its own metadata database of the primary server, with an admin account
 * created in-process and names unique to one test class (databases and roles live on shared
 * servers).
 */
final class AdminFixture implements AutoCloseable {
  final TestPostgres postgres;
  final String metadataDatabase;
  final AdminConfig config;
  final AdminServer server;
  final AccountCredentials admin;
  final String prefix;

  private final TestAdmin base;

  private AdminFixture(TestPostgres postgres, TestAdmin base) {
    this.postgres = postgres;
    this.base = base;
    this.metadataDatabase = base.metadataDatabase();
    this.config = base.config();
    this.server = base.server();
    this.admin = base.account();
    this.prefix = base.prefix();
  }

  static AdminFixture start(TestPostgres postgres) throws SQLException {
    return start(postgres, UnaryOperator.identity());
  }

  /** An admin service whose configuration {@code adjust} changed (for it and its replicas). */
  static AdminFixture start(TestPostgres postgres, UnaryOperator<AdminConfig> adjust)
      throws SQLException {
    // Imports in tests read the test servers, all on this host; tests ask far more often than the
    // default rate allows.
    SourcePolicy testServers =
        SourcePolicy.loopback().plus(List.of(postgres.host())).withRate(1000, Duration.ofMillis(1));
    return new AdminFixture(
        postgres,
        TestAdmin.start(
            postgres,
            'x',
            config ->
                adjust.apply(config.toBuilder().poolSize(4).sourcePolicy(testServers).build())));
  }

  /**
   * Another admin server on the same metadata database and secret key, as a second replica or a
   * restart would run; the caller closes it.
   */
  AdminServer startAnother() {
    return base.startAnother(UnaryOperator.identity());
  }

  URI uri() {
    return server.baseUri();
  }

  Api adminApi() {
    return Api.basic(uri(), admin);
  }

  /** A blueprint name unique to this test class. */
  String blueprint(String hint) {
    return prefix + hint;
  }

  /** Registers {@code server} as a cluster through the REST API as the admin. */
  Api.Reply registerCluster(String name, TestPostgres server, int capacity) {
    return adminApi()
        .post(
            "/v1/clusters",
            Map.of(
                "name", name,
                "host", server.host(),
                "port", server.port(),
                "superuser", server.superuser(),
                "password", server.password(),
                "ssl_mode", "disable",
                "capacity", capacity));
  }

  /** A new member account, created by the admin through the REST API. */
  AccountCredentials newAccount() {
    Api.Reply reply = adminApi().post("/v1/accounts", Map.of());
    assertThat(reply.status()).isEqualTo(201);
    return new AccountCredentials(
        reply.json().get("user").asText(), reply.json().get("secret").asText());
  }

  /**
   * Creates, as {@code owner}, the tenant workspace of blueprint {@link #blueprint}({@code hint})
   * and its tenant {@code tenant}; the tenant's logical name.
   */
  String createTenant(AccountCredentials owner, String hint, String tenant) {
    String blueprint = blueprint(hint);
    Api api = Api.basic(uri(), owner);
    Api.Reply workspace =
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"));
    assertThat(workspace.status()).as(workspace.body()).isEqualTo(201);
    Api.Reply created = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", tenant));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return blueprint + "__" + tenant;
  }

  /** Names of databases on {@code server} that start with this class's prefix. */
  List<String> databases(TestPostgres server) throws SQLException {
    return names(server, "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1");
  }

  /** Names of roles on {@code server} that start with this class's prefix. */
  List<String> roles(TestPostgres server) throws SQLException {
    return names(server, "SELECT rolname FROM pg_roles WHERE rolname LIKE ? ORDER BY 1");
  }

  private List<String> names(TestPostgres server, String sql) throws SQLException {
    try (Connection connection = server.connect();
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, prefix + "%");
      List<String> names = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }

  /** The first column of the first row of a superuser query on {@code server}, or null. */
  static String scalar(TestPostgres server, String sql, Object... params) throws SQLException {
    try (Connection connection = server.connect();
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Drops what this class left on {@code server}: its databases, templates and roles. */
  void cleanUp(TestPostgres server) throws SQLException {
    server.dropAllNamed(prefix);
  }

  @Override
  public void close() throws SQLException {
    base.close();
  }
}
