/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.SqlState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The admin service's own database: a HikariCP pool, the Flyway migrations under {@code
 * db/migration}, and transactions for the repositories of this package.
 */
public final class MetadataStore implements AutoCloseable {
  private final HikariDataSource pool;

  private MetadataStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects to the metadata database and brings its schema up to date.
   *
   * @throws AdminException (unavailable) when the database cannot be reached
   */
  public static MetadataStore open(String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tdb-metadata");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setAutoCommit(true);
    config.addDataSourceProperty("ApplicationName", "tdb-admin");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new AdminException(
          AdminError.METADATA_UNAVAILABLE,
          "cannot connect to the metadata database: " + e.getMessage(),
          "check the metadata database URL, user and password",
          e);
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new MetadataStore(pool);
  }

  /**
   * Whether the metadata database answers {@code SELECT 1} within {@code timeoutSeconds} once a
   * connection is had; waiting for a connection is bounded by the pool's own timeout, so callers
   * that need a short answer run this on a thread of their own.
   */
  public boolean answers(int timeoutSeconds) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Work done on one metadata connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work; the transaction commits when it returns and rolls back when it throws. */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction.
   *
   * @throws AdminException conflict for a unique violation, unavailable when the database cannot be
   *     reached, or whatever {@code work} threw
   */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private static RuntimeException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (SqlState.UNIQUE_VIOLATION.is(state)) {
      return new AdminException(
          AdminError.ALREADY_EXISTS,
          "a concurrent request created the same thing",
          "list it, or retry with another name",
          e);
    }
    if (e instanceof SQLTransientConnectionException || state.startsWith("08")) {
      return new AdminException(
          AdminError.METADATA_UNAVAILABLE,
          "the metadata database cannot be reached",
          "retry when the metadata database is back",
          e);
    }
    return new IllegalStateException("metadata query failed (SQLSTATE " + state + ")", e);
  }

  /** Closes the pool. */
  @Override
  public void close() {
    pool.close();
  }
}
