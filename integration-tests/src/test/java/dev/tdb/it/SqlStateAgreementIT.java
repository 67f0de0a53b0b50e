/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.SqlState;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks every {@link SqlState} against PostgreSQL itself: raising its condition name in PL/pgSQL
 * gives an error with exactly its code.
 */
@ExtendWith(PostgresExtension.class)
final class SqlStateAgreementIT {

  @Test
  void everyConditionNameRaisesItsCode(TestPostgres postgres) throws SQLException {
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      for (SqlState state : SqlState.values()) {
        if (state.condition() == null) {
          continue;
        }
        String raised = raise(statement, state.condition());
        checked++;
        if (!state.is(raised)) {
          disagreements.add(state + " is " + state.code() + ", PostgreSQL raises " + raised);
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void onlyTheJdbcGeneralErrorHasNoPostgresCondition() {
    assertThat(SqlState.values())
        .filteredOn(state -> state.condition() == null)
        .containsExactly(SqlState.GENERAL_ERROR);
  }

  private static String raise(Statement statement, String condition) {
    try {
      statement.execute(
          "DO $$ BEGIN RAISE EXCEPTION 'probe' USING ERRCODE = '" + condition + "'; END $$");
      return "nothing";
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }
}
