/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
final class PostgresExtensionIT {

  @Test
  void givesASuperuserConnectionToARealServer(TestPostgres postgres) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
    if (System.getenv("TDB_TEST_POSTGRES_URL") == null
        && !"testcontainers".equalsIgnoreCase(System.getenv("TDB_TEST_POSTGRES"))) {
      assertThat(postgres.kind())
          .isIn(TestPostgres.Kind.EMBEDDED, TestPostgres.Kind.TESTCONTAINERS);
    }
  }

  @Test
  void sharesOneServerAcrossParametersAndTests(TestPostgres first, TestPostgres again) {
    assertThat(again).isSameAs(first);
  }

  @Test
  void startsAnIndependentSecondServer(TestPostgres primary, @Server("second") TestPostgres second)
      throws SQLException {
    assertThat(second).isNotSameAs(primary);
    String database = primary.createDatabase("only_on_primary");
    try (Connection connection = second.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select count(*) from pg_database where datname = '" + database + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    } finally {
      primary.dropDatabase(database);
    }
  }

  @Test
  void createsDatabasesWithUniqueNames(TestPostgres postgres) throws SQLException {
    String one = postgres.createDatabase("unique");
    String two = postgres.createDatabase("unique");
    try (Connection connection = postgres.connect(one);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_database()")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(one);
      assertThat(two).isNotEqualTo(one);
    } finally {
      postgres.dropDatabase(one);
      postgres.dropDatabase(two);
    }
  }
}
