/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import dev.tdb.pgserver.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, with a superuser connection. Provided by {@link
 * PostgresExtension}; shared by every test in the JVM, so tests create their own databases with
 * {@link #createDatabase(String)} rather than changing shared ones.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Kind kind;
  private final String host;
  private final int port;
  private final String superuser;
  private final String password;
  private final String maintenanceDatabase;

  /** Where the server came from. */
  public enum Kind {
    /** The server named by {@code TDB_TEST_POSTGRES_URL}. */
    EXTERNAL,
    /** A Testcontainers PostgreSQL container. */
    TESTCONTAINERS,
    /** An embedded server started from the binaries on Maven Central. */
    EMBEDDED
  }

  TestPostgres(
      Kind kind,
      String host,
      int port,
      String superuser,
      String password,
      String maintenanceDatabase) {
    this.kind = kind;
    this.host = host;
    this.port = port;
    this.superuser = superuser;
    this.password = password;
    this.maintenanceDatabase = maintenanceDatabase;
  }

  /**
   * A test server for an embedded server the test started itself, for tests that must stop and
   * start their own server; the test closes it.
   */
  public static TestPostgres of(EmbeddedPostgres server) {
    return new TestPostgres(
        Kind.EMBEDDED,
        server.host(),
        server.port(),
        server.superuser(),
        server.password(),
        "postgres");
  }

  /** Where the server came from. */
  public Kind kind() {
    return kind;
  }

  /** The server's host name or address. */
  public String host() {
    return host;
  }

  /** The server's TCP port. */
  public int port() {
    return port;
  }

  /** A superuser's name. */
  public String superuser() {
    return superuser;
  }

  /** The superuser's password. */
  public String password() {
    return password;
  }

  /** The database to connect to when no other is meant ({@code postgres} unless configured). */
  public String maintenanceDatabase() {
    return maintenanceDatabase;
  }

  /** A pgjdbc URL for {@code database}, without credentials. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** A superuser connection to the maintenance database. */
  public Connection connect() throws SQLException {
    return connect(maintenanceDatabase);
  }

  /** A superuser connection to {@code database}. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), superuser, password);
  }

  /**
   * Creates a database with a name no other test in this JVM gets, and returns the name.
   *
   * @param prefix a lowercase hint of what the test uses it for
   */
  public String createDatabase(String prefix) throws SQLException {
    String name =
        prefix.toLowerCase(Locale.ROOT)
            + "_"
            + ProcessHandle.current().pid()
            + "_"
            + DATABASES.incrementAndGet();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** Drops {@code database}, disconnecting whoever is still connected to it. */
  public void dropDatabase(String database) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      String quoted = "\"" + database.replace("\"", "\"\"") + "\"";
      try (PreparedStatement template =
          connection.prepareStatement("SELECT datistemplate FROM pg_database WHERE datname = ?")) {
        template.setString(1, database);
        try (ResultSet rs = template.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            // PostgreSQL refuses to drop a template (such as a blueprint's) until it is unmarked.
            statement.execute("ALTER DATABASE " + quoted + " IS_TEMPLATE false");
          }
        }
      }
      statement.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
    }
  }

  /**
   * Drops what a test that starts every name it makes with {@code prefix} leaves behind: the
   * databases so named and the template databases of blueprints so named ({@code
   * _tdb_template__<blueprint>}), then the roles so named.
   */
  public void dropAllNamed(String prefix) throws SQLException {
    for (String database :
        names(
            "SELECT datname FROM pg_database WHERE starts_with(datname, ?)"
                + " OR starts_with(datname, '_tdb_template__' || ?)",
            prefix)) {
      dropDatabase(database);
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String role :
          names("SELECT rolname FROM pg_roles WHERE starts_with(rolname, ?)", prefix)) {
        statement.execute("DROP ROLE IF EXISTS \"" + role.replace("\"", "\"\"") + "\"");
      }
    }
  }

  private List<String> names(String sql, String prefix) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
        statement.setString(i, prefix);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return kind + " PostgreSQL at " + host + ":" + port;
  }
}
