/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.policy.Policy;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.StringReader;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.PgResultSet;
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
final class TenantConnectionIT {
  private static TdbService tdb;
  private static String blueprint;
  private static String name;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    blueprint = tdb.createBlueprint("conn");
    name =
        tdb.createTenant(
            blueprint,
            "acme",
            "CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL, tags text[],"
                + " doc jsonb, at timestamptz)");
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    try (Connection connection = tdb.superuser(name);
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM items");
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(tdb.url(name));
  }

  @Test
  void refusesDdlBeforeSendingIt() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (id int)"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo(Policy.TENANT_DDL_MESSAGE);
                assertThat(e.getServerErrorMessage().getHint()).contains(blueprint + "_workspace");
                assertThat(e.getMessage()).startsWith("ERROR: " + Policy.TENANT_DDL_MESSAGE);
              });
      assertThat(connection.isValid(1)).isTrue();
    }
    assertThat(tableExists("sneaky")).isFalse();
  }

  @Test
  void refusesEveryStatementOfAStringWhenOneIsDdl() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(
              () -> statement.execute("INSERT INTO items (name) VALUES ('x'); DROP TABLE items"))
          .hasFieldOrPropertyWithValue("SQLState", "42501");
      assertThatThrownBy(() -> statement.addBatch("SELECT 1 INTO copied"))
          .hasFieldOrPropertyWithValue("SQLState", "42501");
      assertThatThrownBy(() -> connection.prepareStatement("/* hi */ CREATE TABLE t (a int)"))
          .hasFieldOrPropertyWithValue("SQLState", "42501");
      assertThatThrownBy(() -> connection.nativeSQL("ALTER TABLE items ADD COLUMN c int"))
          .hasFieldOrPropertyWithValue("SQLState", "42501");
      assertThatThrownBy(() -> connection.prepareCall("{call pg_read_file('/etc/passwd')}"))
          .hasFieldOrPropertyWithValue("SQLState", "42501");
    }
    assertThat(count("SELECT count(*) FROM items")).isZero();
    assertThat(tableExists("copied")).isFalse();
  }

  @Test
  void runsPreparedStatementsBatchesAndGeneratedKeys() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO items (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "first");
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong("id")).isPositive();
        assertThat(keys.getStatement()).isSameAs(insert);
      }
      for (String name : new String[] {"a", "b", "c"}) {
        insert.setString(1, name);
        insert.addBatch();
      }
      assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
      try (Statement statement = connection.createStatement()) {
        statement.addBatch("UPDATE items SET name = upper(name) WHERE name = 'a'");
        statement.addBatch("DELETE FROM items WHERE name = 'b'");
        assertThat(statement.executeBatch()).containsExactly(1, 1);
      }
      assertThat(insert.getConnection()).isSameAs(connection);
    }
    assertThat(count("SELECT count(*) FROM items WHERE name IN ('first', 'A', 'c')")).isEqualTo(3);
  }

  @Test
  void commitsAndRollsBackToSavepoints() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO items (name) VALUES ('kept')");
      Savepoint savepoint = connection.setSavepoint("before_second");
      statement.executeUpdate("INSERT INTO items (name) VALUES ('undone')");
      connection.rollback(savepoint);
      connection.commit();
      statement.executeUpdate("INSERT INTO items (name) VALUES ('rolled back')");
      connection.rollback();
    }
    assertThat(count("SELECT count(*) FROM items WHERE name = 'kept'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM items")).isEqualTo(1);
  }

  @Test
  void streamsLargeResultsWithFetchSize() throws SQLException {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(100);
        long sum = 0;
        int rows = 0;
        try (ResultSet rs = statement.executeQuery("SELECT g FROM generate_series(1, 50000) g")) {
          while (rs.next()) {
            sum += rs.getLong(1);
            rows++;
          }
          assertThat(rs.getStatement()).isSameAs(statement);
        }
        assertThat(rows).isEqualTo(50_000);
        assertThat(sum).isEqualTo(50_000L * 50_001 / 2);
      }
      connection.commit();
    }
  }

  @Test
  void bulkLoadsThroughCopyManager() throws Exception {
    try (Connection connection = connect()) {
      assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long loaded = copy.copyIn("COPY items (name) FROM STDIN", new StringReader("x\ny\nz\n"));
      assertThat(loaded).isEqualTo(3);
    }
    assertThat(count("SELECT count(*) FROM items")).isEqualTo(3);
  }

  @Test
  void roundTripsArraysJsonbAndTimestamps() throws SQLException {
    OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 12, 30, 0, 0, ZoneOffset.UTC);
    try (Connection connection = connect()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO items (name, tags, doc, at) VALUES (?, ?, ?::jsonb, ?)")) {
        insert.setString(1, "typed");
        insert.setArray(2, connection.createArrayOf("text", new String[] {"red", "blue"}));
        insert.setString(3, "{\"size\": 3}");
        insert.setObject(4, at);
        insert.executeUpdate();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT tags, doc->>'size', at FROM items")) {
        assertThat(rs.next()).isTrue();
        Array tags = rs.getArray(1);
        assertThat((String[]) tags.getArray()).containsExactly("red", "blue");
        assertThat(rs.getString(2)).isEqualTo("3");
        assertThat(rs.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(at.toInstant());
      }
    }
  }

  @Test
  void callsFunctionsThroughCallableStatements() throws SQLException {
    try (Connection connection = connect();
        CallableStatement call = connection.prepareCall("{? = call upper(?)}")) {
      call.registerOutParameter(1, java.sql.Types.VARCHAR);
      call.setString(2, "tenant");
      call.execute();
      assertThat(call.getString(1)).isEqualTo("TENANT");
      assertThat(call.getConnection()).isSameAs(connection);
    }
  }

  @Test
  void returnsARefcursorOutParameterAsAResultSetOfTheCall() throws SQLException {
    try (Connection owner = tdb.superuser(name);
        Statement statement = owner.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE FUNCTION item_names() RETURNS refcursor LANGUAGE plpgsql AS $$"
              + " DECLARE c refcursor; BEGIN OPEN c FOR SELECT name FROM items ORDER BY id;"
              + " RETURN c; END $$");
      statement.execute("INSERT INTO items (name) VALUES ('one'), ('two')");
    }
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (CallableStatement call = connection.prepareCall("{? = call item_names()}")) {
        call.registerOutParameter(1, Types.OTHER);
        call.execute();
        try (ResultSet names = (ResultSet) call.getObject(1)) {
          assertThat(names.getStatement()).isSameAs(call);
          assertThat(names.next()).isTrue();
          assertThat(names.getString(1)).isEqualTo("one");
          assertThat(names.next()).isTrue();
          assertThat(names.getString(1)).isEqualTo("two");
          assertThat(names.next()).isFalse();
        }
      }
      connection.commit();
    }
  }

  @Test
  void unwrapsToItsOwnInterfacesAndThroughToPgjdbc() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT count(*) FROM items WHERE id > ?")) {
      assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
      assertThat(connection.isWrapperFor(Connection.class)).isTrue();
      assertThat(select.unwrap(PreparedStatement.class)).isSameAs(select);
      assertThat(select.unwrap(Statement.class)).isSameAs(select);
      assertThat(select.isWrapperFor(PGStatement.class)).isTrue();
      assertThat(select.unwrap(PGStatement.class)).isNotSameAs(select);
      select.setLong(1, 0);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.unwrap(ResultSet.class)).isSameAs(rs);
        assertThat(rs.isWrapperFor(PgResultSet.class)).isTrue();
        assertThat(rs.unwrap(PgResultSet.class)).isNotSameAs(rs);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isZero();
      }
      try (Statement plain = connection.createStatement()) {
        assertThat(plain.isWrapperFor(PreparedStatement.class)).isFalse();
      }
    }
  }

  @Test
  void isEqualOnlyToItselfAndNamesPgjdbcsObjectInToString() throws SQLException {
    try (Connection connection = connect();
        Connection other = connect();
        Statement statement = connection.createStatement()) {
      BaseConnection pg = connection.unwrap(BaseConnection.class);
      assertThat(connection).isEqualTo(connection).isNotEqualTo(other).isNotEqualTo(pg);
      assertThat(connection.hashCode()).isEqualTo(System.identityHashCode(connection));
      assertThat(connection).hasToString("tdb:" + pg);
      assertThat(statement.getConnection()).isEqualTo(connection);
      assertThat(statement).isNotEqualTo(statement.unwrap(PGStatement.class));
      assertThat(statement.toString()).startsWith("tdb:");
    }
  }

  @Test
  void metadataShowsTheTdbUrlAndPgjdbcNames() throws SQLException {
    try (Connection connection = connect()) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertThat(metadata.getURL())
          .isEqualTo(tdb.urlWithoutCredentials(name) + "?user=" + tdb.user());
      assertThat(metadata.getConnection()).isSameAs(connection);
      assertThat(metadata.getDriverName()).isEqualTo("PostgreSQL JDBC Driver");
      assertThat(metadata.getDatabaseProductName()).isEqualTo("PostgreSQL");
      try (ResultSet tables = metadata.getTables(null, "public", "items", null)) {
        assertThat(tables.next()).isTrue();
        assertThat(tables.getStatement()).isNull();
      }
    }
  }

  @Test
  void serverPrivilegesStopDdlSentThroughAnUnwrappedPgConnection() throws SQLException {
    try (Connection connection = connect()) {
      PGConnection pg = connection.unwrap(PGConnection.class);
      assertThat(pg).isInstanceOf(BaseConnection.class);
      try (Statement raw = ((BaseConnection) pg).createStatement()) {
        assertThatThrownBy(() -> raw.execute("CREATE TABLE bypass (id int)"))
            .isInstanceOfSatisfying(
                PSQLException.class,
                e -> {
                  assertThat(e.getSQLState()).isEqualTo("42501");
                  // PostgreSQL's own wording: the server refused it, not the driver.
                  assertThat(e.getServerErrorMessage().getMessage())
                      .isEqualTo("permission denied for schema public");
                });
      }
    }
    assertThat(tableExists("bypass")).isFalse();
  }

  private static long count(String sql) throws SQLException {
    try (Connection connection = tdb.superuser(name);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean tableExists(String name) throws SQLException {
    return count("SELECT count(*) FROM pg_class WHERE relname = '" + name + "'") > 0;
  }
}
