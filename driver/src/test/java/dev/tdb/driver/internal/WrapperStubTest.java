/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wrappers over stub pgjdbc objects: identity of the objects they hand back, unwrap chaining
 * and calls reaching the stub. Only the wrapping is under test; the ITs cover PostgreSQL.
 */
final class WrapperStubTest {
  private final JdbcStub<Connection> tdbConnection = JdbcStub.of(Connection.class, Map.of());
  private final JdbcStub<Statement> tdbStatement = JdbcStub.of(Statement.class, Map.of());

  private JdbcStub<ResultSet> pgResultSet() {
    return JdbcStub.of(ResultSet.class, Map.of(String.class, "pg"));
  }

  @Test
  void resultSetReturnsItsStatementAndForwardsReads() throws SQLException {
    JdbcStub<ResultSet> pgjdbc = pgResultSet();
    ResultSet rs = new TdbResultSet(pgjdbc.stub(), tdbStatement.stub(), null, null);

    assertThat(rs.getStatement()).isSameAs(tdbStatement.stub());
    assertThat(rs.getString(2)).isEqualTo("pg");
    assertThat(pgjdbc.calls()).last().satisfies(call -> assertThat(call.args()).containsExactly(2));
    assertThat(pgjdbc.calls())
        .extracting(call -> call.method().getName())
        .doesNotContain("getStatement");
  }

  @Test
  void unwrapAnswersForTheWrapperThenReachesPgjdbc() throws SQLException {
    JdbcStub<ResultSet> pgjdbc = pgResultSet();
    ResultSet rs = new TdbResultSet(pgjdbc.stub(), null, null, null);

    assertThat(rs.unwrap(ResultSet.class)).isSameAs(rs);
    assertThat(rs.isWrapperFor(Wrapper.class)).isTrue();
    assertThat(pgjdbc.calls()).isEmpty();
    assertThat(rs.isWrapperFor(Runnable.class)).isFalse();
    assertThatThrownBy(() -> rs.unwrap(Runnable.class)).isInstanceOf(SQLException.class);
    assertThat(pgjdbc.calls())
        .extracting(call -> call.method().getName())
        .containsExactly("isWrapperFor", "unwrap");
  }

  @Test
  void metadataReturnsItsConnectionUrlAndWrappedResultSets() throws Exception {
    JdbcStub<ResultSet> rows = pgResultSet();
    JdbcStub<DatabaseMetaData> pgjdbc =
        JdbcStub.of(
            DatabaseMetaData.class, Map.of(ResultSet.class, rows.stub(), String.class, "pg"));
    DatabaseMetaData metadata =
        new TdbDatabaseMetaData(pgjdbc.stub(), tdbConnection.stub(), "jdbc:tdb://admin/app");

    assertThat(metadata.getConnection()).isSameAs(tdbConnection.stub());
    assertThat(metadata.getURL()).isEqualTo("jdbc:tdb://admin/app");
    assertThat(metadata.getDatabaseProductName()).isEqualTo("pg");
    List<String> raw = new ArrayList<>();
    for (Method method : DatabaseMetaData.class.getMethods()) {
      if (method.getReturnType() == ResultSet.class) {
        Object[] args = Arrays.stream(method.getParameterTypes()).map(JdbcStub::sample).toArray();
        if (!(method.invoke(metadata, args) instanceof TdbResultSet)) {
          raw.add(method.getName());
        }
      }
    }
    assertThat(raw).isEmpty();
  }

  @Test
  void metadataResultSetUnwrapsToPgjdbc() throws SQLException {
    JdbcStub<ResultSet> rows = pgResultSet();
    JdbcStub<DatabaseMetaData> pgjdbc =
        JdbcStub.of(DatabaseMetaData.class, Map.of(ResultSet.class, rows.stub()));
    ResultSet tables =
        new TdbDatabaseMetaData(pgjdbc.stub(), tdbConnection.stub(), "jdbc:tdb://admin/app")
            .getTables(null, null, "%", null);

    assertThat(tables).isInstanceOf(TdbResultSet.class).isNotSameAs(rows.stub());
    assertThat(tables.unwrap(rows.stub().getClass())).isSameAs(rows.stub());
  }
}
