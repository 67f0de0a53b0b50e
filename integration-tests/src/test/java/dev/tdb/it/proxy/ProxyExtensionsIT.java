/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tdb.core.policy.Policy;
import dev.tdb.core.policy.TrustedExtensions;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * Extension commands through the proxy and straight to PostgreSQL as a role with the runtime role's
 * rights: a workspace creates and drops trusted extensions either way; an untrusted one is refused
 * by both, tdb with a reason of its own; a tenant is refused by both.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyExtensionsIT {
  private static final String DIRECT_PASSWORD = "direct-" + System.nanoTime();

  private static ProxyService service;
  private static TestPostgres server;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    server = postgres;
    service = ProxyService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void aWorkspaceCreatesAndDropsATrustedExtensionThroughTheProxyAsDirectly() throws Exception {
    String workspace = service.workspace();
    try (Connection proxied = service.connect(workspace, service.secret(), "");
        Statement statement = proxied.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public CASCADE");
      assertThat(extensions(workspace)).contains("citext");
      statement.execute("DROP EXTENSION citext");
    }
    try (Connection direct = direct(workspace);
        Statement statement = direct.createStatement()) {
      statement.execute("CREATE EXTENSION citext");
      assertThat(extensions(workspace)).contains("citext");
      statement.execute("DROP EXTENSION citext");
    }
    assertThat(extensions(workspace)).doesNotContain("citext");
  }

  @Test
  void aWorkspaceIsRefusedAnUntrustedExtensionByTdbWithItsReasonAndByTheServer() throws Exception {
    String untrusted = untrusted();
    String workspace = service.workspace();
    String sql = "CREATE EXTENSION \"" + untrusted + "\"";
    try (Connection proxied = service.connect(workspace, service.secret(), "");
        Statement statement = proxied.createStatement()) {
      PSQLException refused = refusal(statement, sql);
      assertThat(refused.getSQLState()).isEqualTo("42501");
      assertThat(refused.getServerErrorMessage().getMessage())
          .isEqualTo(
              "extension \"" + untrusted + "\" is not trusted and cannot be part of a blueprint");
      assertThat(refused.getServerErrorMessage().getHint())
          .contains("citext, cube")
          .contains("only outside blueprints and tenants");
    }
    try (Connection direct = direct(workspace);
        Statement statement = direct.createStatement()) {
      PSQLException refused = refusal(statement, sql);
      assertThat(refused.getSQLState()).isEqualTo("42501");
      assertThat(refused.getServerErrorMessage().getMessage())
          .isEqualTo("permission denied to create extension \"" + untrusted + "\"");
    }
    assertThat(extensions(workspace)).doesNotContain(untrusted);
  }

  @Test
  void aTenantIsRefusedCreateAndDropExtensionByTdbAndByTheServer() throws Exception {
    String tenant = service.tenant();
    try (Connection proxied = service.connect(tenant, service.secret(), "");
        Statement statement = proxied.createStatement()) {
      for (String sql : new String[] {"CREATE EXTENSION hstore", "DROP EXTENSION plpgsql"}) {
        PSQLException refused = refusal(statement, sql);
        assertThat(refused.getSQLState()).as(sql).isEqualTo("42501");
        assertThat(refused.getServerErrorMessage().getMessage())
            .as(sql)
            .isEqualTo(Policy.TENANT_DDL_MESSAGE);
      }
    }
    try (Connection direct = direct(tenant);
        Statement statement = direct.createStatement()) {
      PSQLException create = refusal(statement, "CREATE EXTENSION hstore");
      assertThat(create.getSQLState()).isEqualTo("42501");
      assertThat(create.getServerErrorMessage().getMessage())
          .isEqualTo("permission denied to create extension \"hstore\"");
      PSQLException drop = refusal(statement, "DROP EXTENSION plpgsql");
      assertThat(drop.getSQLState()).isEqualTo("42501");
      assertThat(drop.getServerErrorMessage().getMessage())
          .isEqualTo("must be owner of extension plpgsql");
    }
    assertThat(extensions(tenant)).doesNotContain("hstore").contains("plpgsql");
  }

  private static PSQLException refusal(Statement statement, String sql) {
    Throwable thrown = catchThrowable(() -> statement.execute(sql));
    assertThat(thrown).as(sql).isInstanceOf(PSQLException.class);
    return (PSQLException) thrown;
  }

  /** A login with the runtime role's rights, straight to the database of {@code logicalName}. */
  private static Connection direct(String logicalName) throws SQLException {
    String role = logicalName + "_direct";
    try (Connection superuser = server.connect();
        Statement statement = superuser.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
      if (!rs.next()) {
        service.createDirectRole(logicalName, DIRECT_PASSWORD);
      }
    }
    return DriverManager.getConnection(server.jdbcUrl(logicalName), role, DIRECT_PASSWORD);
  }

  /** An extension the embedded server ships but does not mark trusted. */
  private static String untrusted() throws SQLException {
    try (Connection superuser = server.connect();
        Statement statement = superuser.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT name FROM pg_available_extension_versions"
                    + " GROUP BY name HAVING NOT bool_or(trusted) ORDER BY 1 LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      String name = rs.getString(1);
      assertThat(TrustedExtensions.contains(name)).isFalse();
      return name;
    }
  }

  private static String extensions(String logicalName) throws SQLException {
    try (Connection superuser = service.superuser(logicalName);
        Statement statement = superuser.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
