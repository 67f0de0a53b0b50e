/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.security.DataCredentials;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PostgreSQL login roles of data-plane credentials on one cluster (docs/admin-api.md, "What
 * PostgreSQL enforces"). A login role has no privilege of its own: it is a member of the runtime
 * roles (or read-only roles) of the tenants its credential reaches, so it has exactly their rights
 * and can connect to their databases only. From PostgreSQL 16 the membership is granted {@code WITH
 * SET FALSE}, so the login cannot become the runtime role either (and so cannot change that role's
 * password); it carries the runtime role's settings itself, as settings are not inherited.
 */
public final class CredentialRoles {
  private static final int SET_OPTION_VERSION = 16;

  /** What a credential may do in its tenants. */
  public enum Access {
    /** The runtime role's rights. */
    READ_WRITE,
    /** The read-only role's rights, and {@code default_transaction_read_only = on}. */
    READ_ONLY
  }

  private final ClusterAdmin admin;

  CredentialRoles(ClusterAdmin admin) {
    this.admin = admin;
  }

  /**
   * What a login role is.
   *
   * @param role its name ({@link DataCredentials#loginRole})
   * @param password its password; only a SCRAM verifier of it reaches the server
   * @param settings the workspace settings its tenants run with
   * @param access whether it is read-only
   * @param validUntil when PostgreSQL stops accepting the password, or null
   */
  public record Login(
      String role, String password, WorkspaceSettings settings, Access access, Instant validUntil) {
    /** The role only. */
    @Override
    public String toString() {
      return "Login[" + role + "]";
    }
  }

  /** Creates the login role, or makes an existing one what {@code login} says. */
  public void create(Login login) {
    String role = Sql.identifier(login.role());
    String verb = admin.roleExists(login.role()) ? "ALTER ROLE " : "CREATE ROLE ";
    List<String> statements = new ArrayList<>();
    statements.add(
        verb
            + role
            + ClusterAdmin.RUNTIME_ATTRIBUTES
            + " PASSWORD "
            + Sql.literal(ScramVerifier.create(login.password()).text())
            + " VALID UNTIL "
            + Sql.literal(login.validUntil() == null ? "infinity" : login.validUntil().toString()));
    statements.addAll(settings(login.role(), null, login.settings(), login.access()));
    admin.executeUnlogged(statements);
  }

  /**
   * Makes {@code login} a member of {@code tenantRole}, inheriting its rights, with the settings of
   * the runtime role also in {@code database}, where they take precedence over what the login may
   * set on itself.
   */
  public void join(Login login, String tenantRole, String database) {
    String grant = "GRANT " + Sql.identifier(tenantRole) + " TO " + Sql.identifier(login.role());
    List<String> statements = new ArrayList<>();
    statements.add(
        majorVersion() >= SET_OPTION_VERSION ? grant + " WITH INHERIT TRUE, SET FALSE" : grant);
    statements.addAll(settings(login.role(), database, login.settings(), login.access()));
    admin.execute(statements);
  }

  /** Sets a login's settings again, on the role and in {@code database}, as after a change. */
  public void applySettings(
      String login, String database, WorkspaceSettings settings, Access access) {
    admin.execute(settings(login, database, settings, access));
  }

  /**
   * Sets a login's settings again when they drifted on the role or in {@code database}: a login may
   * change its own defaults ({@code ALTER ROLE CURRENT_USER [IN DATABASE …] SET}), as a runtime
   * role may.
   *
   * @return true when they had drifted
   */
  public boolean reassertSettings(
      String login, String database, WorkspaceSettings settings, Access access) {
    Set<String> wanted = new TreeSet<>();
    RoleSettings.of(settings).forEach((key, value) -> wanted.add(key + "=" + value));
    if (access == Access.READ_ONLY) {
      wanted.add("default_transaction_read_only=on");
    }
    try (Connection connection = admin.borrow();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT s.setdatabase = 0, s.setconfig FROM pg_db_role_setting s"
                    + " WHERE s.setrole = (SELECT oid FROM pg_roles WHERE rolname = ?)"
                    + " AND (s.setdatabase = 0"
                    + " OR s.setdatabase = (SELECT oid FROM pg_database WHERE datname = ?))")) {
      statement.setString(1, login);
      statement.setString(2, database);
      Set<String> roleLevel = new TreeSet<>();
      Set<String> inDatabase = new TreeSet<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          (rs.getBoolean(1) ? roleLevel : inDatabase)
              .addAll(Arrays.asList((String[]) rs.getArray(2).getArray()));
        }
      }
      if (roleLevel.equals(wanted) && inDatabase.equals(wanted)) {
        return false;
      }
    } catch (SQLException e) {
      throw admin.failure(e);
    }
    String role = Sql.identifier(login);
    List<String> statements = new ArrayList<>();
    statements.add("ALTER ROLE " + role + " RESET ALL");
    statements.add(
        "ALTER ROLE " + role + " IN DATABASE " + Sql.identifier(database) + " RESET ALL");
    statements.addAll(settings(login, database, settings, access));
    admin.execute(statements);
    return true;
  }

  private static List<String> settings(
      String login, String database, WorkspaceSettings settings, Access access) {
    List<String> statements = new ArrayList<>(RoleSettings.statements(login, database, settings));
    if (access == Access.READ_ONLY) {
      String readOnly = " SET default_transaction_read_only = on";
      statements.add("ALTER ROLE " + Sql.identifier(login) + readOnly);
      if (database != null) {
        statements.add(
            "ALTER ROLE "
                + Sql.identifier(login)
                + " IN DATABASE "
                + Sql.identifier(database)
                + readOnly);
      }
    }
    return statements;
  }

  /** Makes PostgreSQL refuse the login's password from {@code until} on. */
  public void expire(String login, Instant until) {
    if (admin.roleExists(login)) {
      admin.execute(
          List.of(
              "ALTER ROLE "
                  + Sql.identifier(login)
                  + " VALID UNTIL "
                  + Sql.literal(until.toString())));
    }
  }

  /**
   * Ends a login role: it can no longer log in, its sessions (through the proxy or not) are ended,
   * and it is dropped; a role that still owns something (a temporary object of a session being
   * ended) stays, without login.
   */
  public void drop(String login) {
    if (!admin.roleExists(login)) {
      return;
    }
    admin.disableLogin(login);
    admin.dropRoleIfUnused(login);
  }

  /**
   * Ends every session of a credential login in {@code database}, as when its tenant is suspended
   * or deleted.
   */
  public void endSessionsIn(String database) {
    try (Connection connection = admin.borrow();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND usename ~ ?")) {
      statement.setString(1, database);
      statement.setString(2, DataCredentials.LOGIN_ROLE_REGEX);
      statement.execute();
    } catch (SQLException e) {
      throw admin.failure(e);
    }
  }

  private int majorVersion() {
    try (Connection connection = admin.borrow()) {
      return connection.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw admin.failure(e);
    }
  }
}
