/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a runtime role on the server with what tdb made it (and its database's {@code CONNECTION
 * LIMIT}, which bounds all of the tenant's roles together), and the statements that make it so
 * again. A role may change some of itself without any privilege: its password ({@code ALTER ROLE
 * CURRENT_USER PASSWORD}, after which tdb's logins fail with 28P01) and its own defaults ({@code
 * ALTER ROLE CURRENT_USER [IN DATABASE …] SET statement_timeout = 0}); the rest is checked too in
 * case someone with more rights changed it.
 */
public final class RoleDrift {
  private static final String ROLE_LEVEL = "";

  /** The finding for a role that does not exist, which no statement here can repair. */
  public static final String MISSING = "role is missing";

  private RoleDrift() {}

  /**
   * What a runtime role should be.
   *
   * @param role the role
   * @param database its database
   * @param password the password its routing entry serves
   * @param settings its workspace's settings
   * @param login whether it may log in (its tenant is active)
   */
  public record Expected(
      String role, String database, String password, WorkspaceSettings settings, boolean login) {}

  /** What the server holds of a role: attributes, password verifier, settings by database. */
  private record Actual(
      Map<String, Object> attributes, String verifier, Map<String, Set<String>> settings) {}

  /** The findings, in words (empty: no drift); "role missing" when it does not exist. */
  static List<String> findings(Connection connection, Expected expected) throws SQLException {
    Actual actual = read(connection, expected.role());
    if (actual == null) {
      return List.of(MISSING);
    }
    List<String> findings = new ArrayList<>();
    Map<String, Object> wanted = attributes(expected);
    for (Map.Entry<String, Object> attribute : wanted.entrySet()) {
      Object found = actual.attributes().get(attribute.getKey());
      if (!attribute.getValue().equals(found)) {
        findings.add(
            attribute.getKey() + " is " + found + " (tdb sets " + attribute.getValue() + ")");
      }
    }
    if (actual.verifier() == null || !matches(actual.verifier(), expected.password())) {
      findings.add("password changed (tdb's logins as the role would fail with 28P01)");
    }
    findings.addAll(settingFindings(actual.settings(), expected));
    Integer limit = databaseLimit(connection, expected.database());
    if (limit != null && limit != expected.settings().maxConnections()) {
      findings.add(
          "database "
              + expected.database()
              + " CONNECTION LIMIT is "
              + limit
              + " (tdb sets "
              + expected.settings().maxConnections()
              + ")");
    }
    return findings;
  }

  /** The database's {@code CONNECTION LIMIT} (-1: none), or null when it does not exist. */
  private static Integer databaseLimit(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT datconnlimit FROM pg_database WHERE datname = ?")) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  /** The statements that make the role what {@code expected} says. */
  static List<String> repairs(Connection connection, Expected expected, List<String> findings)
      throws SQLException {
    String role = Sql.identifier(expected.role());
    List<String> statements = new ArrayList<>();
    statements.add(
        "ALTER ROLE "
            + role
            + (expected.login() ? " " : " NO")
            + ClusterAdmin.RUNTIME_ATTRIBUTES.substring(1)
            + " CONNECTION LIMIT "
            + expected.settings().maxConnections()
            + " VALID UNTIL 'infinity'");
    if (findings.stream().anyMatch(f -> f.startsWith("password"))) {
      statements.add(
          "ALTER ROLE "
              + role
              + " PASSWORD "
              + Sql.literal(ScramVerifier.create(expected.password()).text()));
    }
    Actual actual = read(connection, expected.role());
    for (String database : actual.settings().keySet()) {
      statements.add(
          "ALTER ROLE "
              + role
              + (database.equals(ROLE_LEVEL) ? "" : " IN DATABASE " + Sql.identifier(database))
              + " RESET ALL");
    }
    statements.addAll(
        RoleSettings.statements(expected.role(), expected.database(), expected.settings()));
    if (databaseLimit(connection, expected.database()) != null) {
      statements.add(ClusterAdmin.databaseLimit(expected.database(), expected.settings()));
    }
    return statements;
  }

  private static Map<String, Object> attributes(Expected expected) {
    Map<String, Object> wanted = new LinkedHashMap<>();
    wanted.put("SUPERUSER", false);
    wanted.put("INHERIT", true);
    wanted.put("CREATEROLE", false);
    wanted.put("CREATEDB", false);
    wanted.put("LOGIN", expected.login());
    wanted.put("REPLICATION", false);
    wanted.put("BYPASSRLS", false);
    wanted.put("CONNECTION LIMIT", expected.settings().maxConnections());
    wanted.put("VALID UNTIL", "infinity");
    return wanted;
  }

  private static List<String> settingFindings(Map<String, Set<String>> actual, Expected expected) {
    Set<String> wanted = new LinkedHashSet<>();
    RoleSettings.of(expected.settings()).forEach((k, v) -> wanted.add(k + "=" + v));
    List<String> findings = new ArrayList<>();
    Set<String> places = new LinkedHashSet<>(actual.keySet());
    places.add(ROLE_LEVEL);
    places.add(expected.database());
    for (String place : places) {
      String where = place.equals(ROLE_LEVEL) ? "on the role" : "in database " + place;
      boolean ours = place.equals(ROLE_LEVEL) || place.equals(expected.database());
      Set<String> found = actual.getOrDefault(place, Set.of());
      for (String setting : found) {
        if (!ours || !wanted.contains(setting)) {
          findings.add("setting " + setting + " " + where);
        }
      }
      if (ours) {
        for (String setting : wanted) {
          if (!found.contains(setting)) {
            findings.add("setting " + setting + " missing " + where);
          }
        }
      }
    }
    return findings;
  }

  private static Actual read(Connection connection, String role) throws SQLException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    String verifier;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,"
                + " rolreplication, rolbypassrls, rolconnlimit, rolpassword,"
                + " coalesce(rolvaliduntil = 'infinity', true) FROM pg_authid WHERE rolname = ?")) {
      statement.setString(1, role);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String[] names = {
          "SUPERUSER", "INHERIT", "CREATEROLE", "CREATEDB", "LOGIN", "REPLICATION", "BYPASSRLS"
        };
        for (int i = 0; i < names.length; i++) {
          attributes.put(names[i], rs.getBoolean(i + 1));
        }
        attributes.put("CONNECTION LIMIT", rs.getInt(8));
        verifier = rs.getString(9);
        attributes.put("VALID UNTIL", rs.getBoolean(10) ? "infinity" : "a date");
      }
    }
    return new Actual(attributes, verifier, settings(connection, role));
  }

  private static Map<String, Set<String>> settings(Connection connection, String role)
      throws SQLException {
    Map<String, Set<String>> settings = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT coalesce(d.datname, ''), s.setconfig FROM pg_db_role_setting s"
                + " LEFT JOIN pg_database d ON d.oid = s.setdatabase"
                + " WHERE s.setrole = (SELECT oid FROM pg_roles WHERE rolname = ?)")) {
      statement.setString(1, role);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String[] config = (String[]) rs.getArray(2).getArray();
          settings.put(rs.getString(1), new LinkedHashSet<>(Arrays.asList(config)));
        }
      }
    }
    return settings;
  }

  private static boolean matches(String verifier, String password) {
    try {
      return ScramVerifier.parse(verifier).matches(password);
    } catch (IllegalArgumentException e) {
      return false; // an md5 hash or plain text: not what tdb sets
    }
  }
}
