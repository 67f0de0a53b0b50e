/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.core.policy.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Closes every database of a cluster to PUBLIC: {@code REVOKE CONNECT, TEMPORARY ON DATABASE … FROM
 * PUBLIC} on each database that allows connections ({@code postgres}, {@code template1}, the admin
 * metadata database when it is there, workspaces, templates, tenants, and anything else on the
 * server). After it a role reaches a database only as its owner, as a superuser, or through an
 * explicit grant: a tenant's runtime role its own database, a workspace's role the database it
 * owns, a blueprint's owner role the templates and tenant databases it owns. Safe to repeat: a
 * database already closed is left as it is and reported unchanged.
 */
public final class ClusterHardening {
  private static final String OPEN_DATABASES =
      "SELECT d.datname, "
          + publicHas("CONNECT")
          + ", "
          + publicHas("TEMPORARY")
          + " FROM pg_database d WHERE d.datallowconn ORDER BY 1";

  private ClusterHardening() {}

  /**
   * What the hardening found and did on one cluster.
   *
   * @param databases every database that allows connections, with what was changed in it
   * @param connections the cluster's connection figures and the per-database maximum they allow
   * @param warnings what an operator should fix on the server (empty when nothing)
   */
  public record Report(
      List<DatabaseChanges> databases, ConnectionBudget connections, List<String> warnings) {
    /** How many databases were changed. */
    public long changedCount() {
      return databases.stream().filter(d -> !d.changes().isEmpty()).count();
    }
  }

  /**
   * One database and what the hardening changed in it (empty: it was closed already).
   *
   * @param database the database
   * @param changes the statements' effects, in words
   */
  public record DatabaseChanges(String database, List<String> changes) {}

  static Report apply(
      Connection connection, Optional<MetadataLogin> metadata, ConnectionBudget budget)
      throws SQLException {
    List<DatabaseChanges> databases = new ArrayList<>();
    for (Open open : openDatabases(connection)) {
      List<String> changes = new ArrayList<>();
      try {
        closeOne(connection, open, changes);
        if (metadata.isPresent() && metadata.get().database().equals(open.name())) {
          keepMetadataLogin(connection, metadata.get(), changes);
        }
      } catch (SQLException e) {
        if (!SqlState.INVALID_CATALOG_NAME.of(e)) {
          throw e;
        }
        continue; // dropped meanwhile: nothing left to close
      }
      databases.add(new DatabaseChanges(open.name(), List.copyOf(changes)));
    }
    return new Report(List.copyOf(databases), budget, warnings(budget));
  }

  private record Open(String name, boolean connect, boolean temporary) {}

  private static void closeOne(Connection connection, Open open, List<String> changes)
      throws SQLException {
    List<String> privileges = new ArrayList<>();
    if (open.connect()) {
      privileges.add("CONNECT");
    }
    if (open.temporary()) {
      privileges.add("TEMPORARY");
    }
    if (privileges.isEmpty()) {
      return;
    }
    String which = String.join(", ", privileges);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "REVOKE " + which + " ON DATABASE " + Sql.identifier(open.name()) + " FROM PUBLIC");
    }
    changes.add("revoked " + which + " from PUBLIC");
  }

  private static void keepMetadataLogin(
      Connection connection, MetadataLogin login, List<String> changes) throws SQLException {
    try (PreparedStatement check =
        connection.prepareStatement(
            "SELECT NOT has_database_privilege(r.oid, d.oid, 'CONNECT')"
                + " FROM pg_roles r, pg_database d WHERE r.rolname = ? AND d.datname = ?")) {
      check.setString(1, login.role());
      check.setString(2, login.database());
      try (ResultSet rs = check.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) {
          return;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "GRANT CONNECT ON DATABASE "
              + Sql.identifier(login.database())
              + " TO "
              + Sql.identifier(login.role()));
    }
    changes.add("granted CONNECT to " + login.role() + " (the admin service's metadata login)");
  }

  private static List<Open> openDatabases(Connection connection) throws SQLException {
    List<Open> open = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(OPEN_DATABASES)) {
      while (rs.next()) {
        open.add(new Open(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)));
      }
    }
    return open;
  }

  static List<String> warnings(ConnectionBudget budget) {
    List<String> warnings = new ArrayList<>();
    if (budget.superuserReserved() == 0) {
      warnings.add(
          "superuser_reserved_connections is 0: when tenants hold every connection the admin"
              + " service cannot connect either; set it to 3 or more and restart the server");
    }
    if (budget.tenantMax() < 1) {
      warnings.add(
          "max_connections "
              + budget.maxConnections()
              + " leaves no connections for tenants once the reserved ones are counted");
    }
    return List.copyOf(warnings);
  }

  private static String publicHas(String privilege) {
    return "EXISTS (SELECT 1 FROM aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a"
        + " WHERE a.grantee = 0 AND a.privilege_type = '"
        + privilege
        + "')";
  }
}
