/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.Sql;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.names.Names;
import dev.tdb.core.policy.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster side of a tenant's hard delete. Before anything is dropped, {@link #check} refuses
 * when the runtime role holds something outside the tenant's database (which {@code DROP ROLE}
 * would refuse after the database is gone); once the database is gone, {@link #finish} drops the
 * role whatever it still holds, so a delete that started always ends.
 */
final class TenantDrop {
  /** The role's entries in {@code pg_shdepend} outside the tenant's own database, grouped. */
  private static final String HOLDERS =
      "SELECT coalesce(d.datname, ''), s.deptype, count(*) FROM pg_shdepend s"
          + " JOIN pg_roles r ON r.oid = s.refobjid AND s.refclassid = 'pg_authid'::regclass"
          + " LEFT JOIN pg_database d ON d.oid = s.dbid"
          + " WHERE r.rolname = ?"
          + " AND s.dbid IS DISTINCT FROM (SELECT oid FROM pg_database WHERE datname = ?)"
          + " AND NOT (s.dbid = 0 AND s.classid = 'pg_database'::regclass"
          + " AND s.objid IS NOT DISTINCT FROM (SELECT oid FROM pg_database WHERE datname = ?))"
          + " GROUP BY 1, 2 ORDER BY 1, 2";

  /**
   * Something outside the tenant's database that keeps its role from being dropped.
   *
   * @param database the database it is in, or empty for shared objects (databases, tablespaces)
   * @param kind what the role has there: owned objects, privileges, policies
   * @param count how many
   */
  record Holder(String database, String kind, long count) {
    @Override
    public String toString() {
      return count
          + " "
          + kind
          + (database.isEmpty() ? " on shared objects" : " in database " + database);
    }
  }

  private final ClusterAdmin admin;
  private final String logicalName;
  private final String database;
  private final String role;

  TenantDrop(ClusterAdmin admin, String logicalName, String database, String role) {
    this.admin = admin;
    this.logicalName = logicalName;
    this.database = database;
    this.role = role;
  }

  /**
   * Refuses, changing nothing, while the tenant's database exists and its role holds something
   * elsewhere; once the database is gone there is nothing left to keep, and {@link #finish} clears
   * what the role holds.
   *
   * @throws AdminException conflict {@code tenant_role_in_use} naming what holds the role
   */
  void check() {
    try (Connection connection = admin.borrow()) {
      if (!databaseExists(connection)) {
        return;
      }
      List<Holder> holders = holders(connection);
      if (!holders.isEmpty()) {
        throw new AdminException(
            AdminError.TENANT_ROLE_IN_USE,
            "tenant "
                + logicalName
                + " was not dropped (nothing was changed): its runtime role "
                + role
                + " holds "
                + holders.stream().map(Holder::toString).collect(Collectors.joining(", "))
                + ", so PostgreSQL would refuse to drop the role once the database is gone",
            "a superuser of the cluster clears them with DROP OWNED BY "
                + Sql.identifier(role)
                + " (or REASSIGN OWNED BY "
                + Sql.identifier(role)
                + " TO another role) in each database named, then deletes again: tdb tenants"
                + " delete "
                + logicalName
                + " --hard");
      }
    } catch (SQLException e) {
      throw admin.translate(e);
    }
  }

  /**
   * Drops the database, then the role; when the role still holds something elsewhere, that is
   * dropped ({@code DROP OWNED}) in every database where it is first. Every step may be repeated.
   *
   * @throws AdminException unavailable or refused when a step fails; the caller keeps the tenant
   *     marked as being dropped so that a retry finishes
   */
  void finish() {
    admin.dropDatabase(database);
    // A read-only role holds privileges in the tenant's database only, gone with it.
    admin.dropRole(Names.readOnlyRole(logicalName));
    try {
      admin.dropRole(role);
      return;
    } catch (AdminException e) {
      if (!(e.getCause() instanceof SQLException sql
          && SqlState.DEPENDENT_OBJECTS_STILL_EXIST.of(sql))) {
        throw e;
      }
    }
    try {
      dropOwnedEverywhere();
    } catch (SQLException e) {
      throw admin.translate(e);
    }
    admin.dropRole(role);
  }

  private void dropOwnedEverywhere() throws SQLException {
    Set<String> databases = new LinkedHashSet<>();
    try (Connection connection = admin.borrow()) {
      for (Holder holder : holders(connection)) {
        // DROP OWNED in any database also revokes the role's privileges on shared objects.
        databases.add(holder.database().isEmpty() ? connection.getCatalog() : holder.database());
      }
    }
    for (String name : databases) {
      try (Connection connection = admin.connect(name);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP OWNED BY " + Sql.identifier(role));
      }
    }
  }

  private boolean databaseExists(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }

  private List<Holder> holders(Connection connection) throws SQLException {
    List<Holder> holders = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
      statement.setString(1, role);
      statement.setString(2, database);
      statement.setString(3, database);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          holders.add(new Holder(rs.getString(1), kind(rs.getString(2)), rs.getLong(3)));
        }
      }
    }
    return holders;
  }

  private static String kind(String deptype) {
    return switch (deptype) {
      case "o" -> "owned object(s)";
      case "a", "i" -> "privilege(s)";
      case "r" -> "policy reference(s)";
      default -> "dependency(ies) of type " + deptype;
    };
  }
}
