/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The statements the admin service runs on one cluster as its superuser: roles, databases and
 * privileges. Every name is quoted; every method throws {@link AdminException} (unavailable,
 * conflict or refused) when the server cannot be reached or refuses.
 */
public final class ClusterAdmin {
  /**
   * What CREATE ROLE answers when the role exists: 42710 (duplicate_object) when it was there
   * before, 23505 (unique_violation on pg_authid) when a concurrent session committed it while this
   * one waited.
   */
  private static final Set<String> ROLE_EXISTS =
      Set.of(SqlState.DUPLICATE_OBJECT.code(), SqlState.UNIQUE_VIOLATION.code());

  /** What a runtime role is, besides its password and connection limit. */
  static final String RUNTIME_ATTRIBUTES =
      " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

  // PostgreSQL itself waits up to 5 s for sessions on the template to end before it gives up with
  // 55006, so one more attempt is enough to ride out a session that was just closing.
  private static final int TEMPLATE_ATTEMPTS = 2;
  private static final long TEMPLATE_RETRY_MILLIS = 25;

  private final ClusterRow cluster;
  private final ClusterPools pools;

  ClusterAdmin(ClusterRow cluster, ClusterPools pools) {
    this.cluster = cluster;
    this.pools = pools;
  }

  /**
   * What the server is, from a fresh (unpooled) connection.
   *
   * @param versionNum {@code server_version_num}
   * @param superuser whether the registered user is a superuser
   */
  public record ServerFacts(int versionNum, boolean superuser) {}

  /** Connects and reports the server's version and whether the user is a superuser. */
  public ServerFacts inspect() {
    try (Connection connection = pools.connect(cluster, ClusterPools.MAINTENANCE_DATABASE);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT current_setting('server_version_num')::int,"
                    + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
      rs.next();
      return new ServerFacts(rs.getInt(1), rs.getBoolean(2));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * The cluster's connection figures, read from the server now (they change only with a restart).
   */
  public ConnectionBudget budget() {
    try (Connection connection = pools.borrow(cluster)) {
      return ConnectionBudget.read(connection);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Closes every database of the cluster to PUBLIC; see {@link ClusterHardening}. */
  public ClusterHardening.Report harden(Optional<MetadataLogin> metadata) {
    try (Connection connection = pools.borrow(cluster)) {
      return ClusterHardening.apply(connection, metadata, ConnectionBudget.read(connection));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * A new superuser connection to {@code database} on this cluster; the caller closes it.
   *
   * @throws SQLException when the server cannot be reached or refuses
   */
  public Connection connect(String database) throws SQLException {
    return pools.connect(cluster, database);
  }

  /**
   * A pooled superuser connection to the cluster's maintenance database; the caller closes it.
   *
   * @throws SQLException when the server cannot be reached or refuses
   */
  public Connection borrow() throws SQLException {
    return pools.borrow(cluster);
  }

  /** How long to wait for an advisory lock inside a tenant or workspace database. */
  public Duration lockWait() {
    return pools.lockWait();
  }

  /** The exception callers report for {@code e}, naming this cluster. */
  public AdminException translate(SQLException e) {
    return failure(e);
  }

  /**
   * A new connection to {@code database} as the blueprint owner role {@code owner}; the caller
   * closes it. Deployments apply captured DDL over it, so that what they run has the owner's rights
   * and nothing more: a superuser session under {@code SET ROLE} could be left by a {@code RESET
   * ROLE} inside a captured function. An owner role made before it could log in (or whose derived
   * password changed with the key) is given its login here.
   *
   * @throws SQLException when the server cannot be reached or refuses
   */
  public Connection connectAsOwner(String database, String owner) throws SQLException {
    try {
      return pools.connectAsOwner(cluster, database, owner);
    } catch (SQLException e) {
      if (!SqlState.INVALID_PASSWORD.of(e) && !SqlState.INVALID_AUTHORIZATION.of(e)) {
        throw e;
      }
    }
    executeUnlogged(List.of("ALTER ROLE " + Sql.identifier(owner) + ownerLogin(owner)));
    return pools.connectAsOwner(cluster, database, owner);
  }

  /**
   * Creates a blueprint owner role, which logs in only with a password derived from the secret key;
   * false when it already exists, also when another session created it at the same moment (the
   * first tenants of a blueprint on a cluster, created in parallel, each try).
   */
  public boolean createOwnerRole(String role) {
    try {
      executeUnlogged(List.of("CREATE ROLE " + Sql.identifier(role) + ownerLogin(role)));
      return true;
    } catch (AdminException e) {
      if (e.getCause() instanceof SQLException sql && ROLE_EXISTS.contains(sql.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private String ownerLogin(String owner) {
    return " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
        + Sql.literal(ScramVerifier.create(pools.ownerPassword(cluster, owner)).text());
  }

  /**
   * Creates a runtime role with the limits of {@code settings} set on the role ({@link
   * #applyLimits} adds them for its database once that exists). Only a SCRAM verifier of the
   * password is sent, so the plaintext never reaches the server, and the verifier stays out of its
   * log ({@link #executeUnlogged}).
   */
  public void createRuntimeRole(String role, String password, WorkspaceSettings settings) {
    List<String> statements = new ArrayList<>();
    statements.add(
        "CREATE ROLE "
            + Sql.identifier(role)
            + RUNTIME_ATTRIBUTES
            + " CONNECTION LIMIT "
            + settings.maxConnections()
            + " PASSWORD "
            + Sql.literal(ScramVerifier.create(password).text()));
    statements.addAll(RoleSettings.statements(role, null, settings));
    executeUnlogged(statements);
  }

  /**
   * Sets a runtime role's {@code CONNECTION LIMIT} and the parameters of {@link RoleSettings}, on
   * the role and for it in {@code database}, and the database's {@code CONNECTION LIMIT}: the
   * role's limit alone would leave out the read-only role and the credential logins, so the
   * database's bounds every role that is not a superuser together.
   */
  public void applyLimits(String role, String database, WorkspaceSettings settings) {
    List<String> statements = new ArrayList<>();
    statements.add(
        "ALTER ROLE " + Sql.identifier(role) + " CONNECTION LIMIT " + settings.maxConnections());
    statements.add(databaseLimit(database, settings));
    statements.addAll(RoleSettings.statements(role, database, settings));
    execute(statements);
  }

  /** Applies {@link DatabaseGuards} inside a tenant database, for its runtime role. */
  public void applyGuards(
      String database, String owner, String runtimeRole, WorkspaceSettings settings) {
    guard(database, owner, runtimeRole, settings);
  }

  /** Applies {@link DatabaseGuards} inside a blueprint's template, which new tenants copy. */
  public void guardTemplate(String database, String owner) {
    guard(database, owner, null, null);
  }

  private void guard(String database, String owner, String runtimeRole, WorkspaceSettings s) {
    try (Connection connection = pools.connect(cluster, database);
        Statement statement = connection.createStatement()) {
      for (String sql : DatabaseGuards.statements(connection, owner, runtimeRole, s)) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Creates a database owned by {@code owner}. */
  public void createDatabase(String database, String owner) {
    execute(
        List.of("CREATE DATABASE " + Sql.identifier(database) + " OWNER " + Sql.identifier(owner)));
  }

  /**
   * Creates a database owned by {@code owner} as a copy of {@code template}; false when the
   * template does not exist or stays in use (SQLSTATE 55006: PostgreSQL copies only a template
   * nobody is connected to, and waits up to 5 s for its sessions to end) through one retry, so the
   * caller can make the database another way.
   */
  public boolean createDatabaseFrom(String database, String owner, String template) {
    String sql =
        "CREATE DATABASE "
            + Sql.identifier(database)
            + " TEMPLATE "
            + Sql.identifier(template)
            + " OWNER "
            + Sql.identifier(owner);
    for (int attempt = 1; ; attempt++) {
      try {
        execute(List.of(sql));
        return true;
      } catch (AdminException e) {
        String state = e.getCause() instanceof SQLException s ? s.getSQLState() : null;
        if (SqlState.INVALID_CATALOG_NAME.is(state)
            || (SqlState.OBJECT_IN_USE.is(state) && attempt == TEMPLATE_ATTEMPTS)) {
          return false;
        }
        if (!SqlState.OBJECT_IN_USE.is(state)) {
          throw e;
        }
      }
      pause(TEMPLATE_RETRY_MILLIS * attempt);
    }
  }

  /** Creates a database owned by {@code owner} unless one of that name exists; true when made. */
  public boolean createDatabaseIfMissing(String database, String owner) {
    try {
      createDatabase(database, owner);
      return true;
    } catch (AdminException e) {
      if (e.getCause() instanceof SQLException sql && SqlState.DUPLICATE_DATABASE.of(sql)) {
        return false;
      }
      throw e;
    }
  }

  /** Marks a database as a template, which also keeps it from being dropped by mistake. */
  public void markTemplate(String database) {
    execute(List.of("ALTER DATABASE " + Sql.identifier(database) + " IS_TEMPLATE true"));
  }

  /** Drops a template database if it exists, ending its sessions. */
  public void dropTemplate(String database) {
    try (Connection connection = pools.borrow(cluster);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          return;
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    execute(List.of("ALTER DATABASE " + Sql.identifier(database) + " IS_TEMPLATE false"));
    dropDatabase(database);
  }

  /** Revokes CREATE on every user schema of {@code database} from PUBLIC. */
  public void closeSchemas(String database) {
    try (Connection connection = pools.connect(cluster, database);
        Statement statement = connection.createStatement()) {
      for (String schema : TenantGrants.userSchemas(connection)) {
        statement.execute("REVOKE CREATE ON SCHEMA " + Sql.identifier(schema) + " FROM PUBLIC");
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Revokes every database privilege (CONNECT, TEMPORARY) from PUBLIC. */
  public void closeToPublic(String database) {
    execute(List.of("REVOKE ALL ON DATABASE " + Sql.identifier(database) + " FROM PUBLIC"));
  }

  /**
   * Gives a tenant's runtime role what docs/admin-api.md allows: CONNECT, TEMPORARY per settings,
   * USAGE on schemas and DML on tables and sequences, now and (through default privileges) for
   * everything {@code owner} creates later; CREATE on schemas is revoked from PUBLIC.
   */
  public void grantTenantAccess(
      String database, String owner, String role, WorkspaceSettings settings) {
    execute(
        List.of(
            "GRANT CONNECT ON DATABASE " + Sql.identifier(database) + " TO " + Sql.identifier(role),
            temporary(database, role, settings)));
    try (Connection connection = pools.connect(cluster, database);
        Statement statement = connection.createStatement()) {
      for (String sql : TenantGrants.schemaGrants(connection, owner, role)) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Makes {@code role} the read-only role of tenant database {@code database} (created, or its
   * password replaced when an earlier attempt left it behind): the runtime role's limits, {@code
   * default_transaction_read_only = on}, CONNECT, and {@link ReadOnlyGrants}.
   */
  public void createReadOnlyRole(
      String role, String password, String database, String owner, WorkspaceSettings settings) {
    if (roleExists(role)) {
      executeUnlogged(
          List.of(
              "ALTER ROLE "
                  + Sql.identifier(role)
                  + " PASSWORD "
                  + Sql.literal(ScramVerifier.create(password).text())));
    } else {
      createRuntimeRole(role, password, settings);
    }
    applyLimits(role, database, settings);
    // In the database too, which takes precedence over what the role may set for itself.
    String readOnly = " SET default_transaction_read_only = on";
    execute(
        List.of(
            "ALTER ROLE " + Sql.identifier(role) + readOnly,
            "ALTER ROLE "
                + Sql.identifier(role)
                + " IN DATABASE "
                + Sql.identifier(database)
                + readOnly,
            "GRANT CONNECT ON DATABASE "
                + Sql.identifier(database)
                + " TO "
                + Sql.identifier(role)));
    try (Connection connection = pools.connect(cluster, database);
        Statement statement = connection.createStatement()) {
      for (String sql : ReadOnlyGrants.schemaGrants(connection, owner, role)) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** True when {@code role} exists on the cluster. */
  boolean roleExists(String role) {
    try (Connection connection = pools.borrow(cluster);
        PreparedStatement statement =
            connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      statement.setString(1, role);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Grants or revokes TEMPORARY on a tenant database as {@code allow_temp_tables} says. */
  public void applyTemporary(String database, String role, WorkspaceSettings settings) {
    execute(List.of(temporary(database, role, settings)));
  }

  /**
   * Checks a runtime role against what tdb made it and, when it drifted, makes it so again
   * (attributes, password, settings on the role and in every database).
   *
   * @return what was found, in words; empty when nothing had drifted
   */
  public List<String> reassertRole(RoleDrift.Expected expected) {
    List<String> findings;
    List<String> repairs;
    try (Connection connection = pools.borrow(cluster)) {
      findings = RoleDrift.findings(connection, expected);
      if (findings.isEmpty() || findings.contains(RoleDrift.MISSING)) {
        return findings;
      }
      repairs = RoleDrift.repairs(connection, expected, findings);
    } catch (SQLException e) {
      throw failure(e);
    }
    // A repaired password travels as a verifier, which stays out of the server log.
    executeUnlogged(repairs);
    return findings;
  }

  /** Sets a role {@code NOLOGIN} and ends its sessions. */
  public void disableLogin(String role) {
    execute(List.of("ALTER ROLE " + Sql.identifier(role) + " NOLOGIN"));
    try (Connection connection = pools.borrow(cluster);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
      statement.setString(1, role);
      statement.execute();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Closes a tenant database to {@code role} and so to the credential logins that are its members,
   * whose sessions there end: a role without login alone would leave them in.
   */
  public void closeDatabase(String role, String database) {
    execute(
        List.of(
            "REVOKE CONNECT ON DATABASE "
                + Sql.identifier(database)
                + " FROM "
                + Sql.identifier(role)));
    credentialRoles().endSessionsIn(database);
  }

  /** Opens a tenant database to {@code role} again (the reverse of {@link #closeDatabase}). */
  public void openDatabase(String role, String database) {
    execute(
        List.of(
            "GRANT CONNECT ON DATABASE "
                + Sql.identifier(database)
                + " TO "
                + Sql.identifier(role)));
  }

  /** Statements for the login roles of data-plane credentials on this cluster. */
  public CredentialRoles credentialRoles() {
    return new CredentialRoles(this);
  }

  /** Sets a role {@code LOGIN} again. */
  public void enableLogin(String role) {
    execute(List.of("ALTER ROLE " + Sql.identifier(role) + " LOGIN"));
  }

  /** Drops a database if it exists, ending its sessions. */
  public void dropDatabase(String database) {
    execute(List.of("DROP DATABASE IF EXISTS " + Sql.identifier(database) + " WITH (FORCE)"));
  }

  /** Drops a role if it exists. */
  public void dropRole(String role) {
    execute(List.of("DROP ROLE IF EXISTS " + Sql.identifier(role)));
  }

  /** Drops a role unless something still depends on it (then it is kept). */
  public void dropRoleIfUnused(String role) {
    try {
      dropRole(role);
    } catch (AdminException e) {
      if (!(e.getCause() instanceof SQLException sql
          && SqlState.DEPENDENT_OBJECTS_STILL_EXIST.of(sql))) {
        throw e;
      }
    }
  }

  /** The statement that gives {@code database} the connection limit of {@code settings}. */
  static String databaseLimit(String database, WorkspaceSettings settings) {
    return "ALTER DATABASE "
        + Sql.identifier(database)
        + " CONNECTION LIMIT "
        + settings.maxConnections();
  }

  private static String temporary(String database, String role, WorkspaceSettings settings) {
    String db = Sql.identifier(database);
    String grantee = Sql.identifier(role);
    return settings.allowTempTables()
        ? "GRANT TEMPORARY ON DATABASE " + db + " TO " + grantee
        : "REVOKE TEMPORARY ON DATABASE " + db + " FROM " + grantee;
  }

  void execute(List<String> statements) {
    try (Connection connection = pools.borrow(cluster);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Runs {@code statements} in one transaction whose text the server never logs: not as the
   * statement of an error ({@code log_min_error_statement}; a failing {@code CREATE ROLE ...
   * PASSWORD} would otherwise write the verifier to the server log), not as a logged statement
   * ({@code log_statement}), not as a slow one ({@code log_min_duration_statement}). The admin
   * connects as a superuser, who may set all three.
   */
  void executeUnlogged(List<String> statements) {
    try (Connection connection = pools.borrow(cluster);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try {
        statement.execute("SET LOCAL log_min_error_statement = panic");
        statement.execute("SET LOCAL log_statement = 'none'");
        statement.execute("SET LOCAL log_min_duration_statement = -1");
        for (String sql : statements) {
          statement.execute(sql);
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a template database", e);
    }
  }

  AdminException failure(SQLException e) {
    return ClusterFailures.translate(cluster.name(), cluster.host() + ":" + cluster.port(), e);
  }
}
