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
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The advisory locks the admin service takes inside tenant and workspace databases, where a
 * tenant's or workspace's own role may take the same key (tenants when their workspace sets {@code
 * allow_advisory_locks}, workspace roles always). Every wait is bounded by {@code lock_timeout},
 * and one that runs out fails with SQLSTATE {@code 55P03} and a message naming the database, the
 * key and the sessions holding it, instead of hanging the admin service.
 */
public final class AdvisoryLocks {
  /** The first key of every advisory lock tdb takes; the second says which. */
  public static final int TDB = 7340021;

  private AdvisoryLocks() {}

  /**
   * Takes {@code pg_advisory_xact_lock(TDB, key)} in {@code connection}'s open transaction (auto
   * commit off), waiting at most {@code wait}; the session's {@code lock_timeout} is as before
   * afterwards.
   *
   * @throws SQLException {@code 55P03} naming the holders when the wait runs out; the transaction
   *     stays usable (the attempt is rolled back to a savepoint)
   */
  public static void lockTransaction(Connection connection, int key, Duration wait, String what)
      throws SQLException {
    Savepoint before = connection.setSavepoint();
    try {
      take(connection, "pg_advisory_xact_lock", key, wait, true);
      connection.releaseSavepoint(before);
    } catch (SQLException e) {
      connection.rollback(before);
      throw explained(connection, e, key, wait, what);
    }
  }

  /**
   * Takes the session lock {@code pg_advisory_lock(TDB, key)} on {@code connection} (auto commit
   * on), waiting at most {@code wait}.
   *
   * @throws SQLException {@code 55P03} naming the holders when the wait runs out
   */
  public static void lockSession(Connection connection, int key, Duration wait, String what)
      throws SQLException {
    try {
      take(connection, "pg_advisory_lock", key, wait, false);
    } catch (SQLException e) {
      throw explained(connection, e, key, wait, what);
    }
  }

  private static void take(
      Connection connection, String function, int key, Duration wait, boolean local)
      throws SQLException {
    String previous;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('lock_timeout')")) {
      rs.next();
      previous = rs.getString(1);
    }
    setLockTimeout(connection, Math.max(1, wait.toMillis()) + "ms", local);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT " + function + "(" + TDB + ", " + key + ")");
    } finally {
      if (!connection.isClosed() && (local || connection.getAutoCommit())) {
        resetQuietly(connection, previous, local);
      }
    }
  }

  private static void resetQuietly(Connection connection, String previous, boolean local)
      throws SQLException {
    try {
      setLockTimeout(connection, previous, local);
    } catch (SQLException e) {
      if (!local) {
        throw e;
      }
      // In an aborted transaction the rollback to the savepoint restores it.
    }
  }

  private static void setLockTimeout(Connection connection, String value, boolean local)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT set_config('lock_timeout', ?, ?)")) {
      statement.setString(1, value);
      statement.setBoolean(2, local);
      statement.execute();
    }
  }

  private static SQLException explained(
      Connection connection, SQLException e, int key, Duration wait, String what) {
    if (!SqlState.LOCK_NOT_AVAILABLE.of(e)) {
      return e;
    }
    String database;
    List<String> holders;
    try {
      database = connection.getCatalog();
      holders = holders(connection, key);
    } catch (SQLException unreadable) {
      database = "this database";
      holders = List.of();
    }
    return new SQLException(
        "tdb could not take its "
            + what
            + " lock (advisory lock "
            + TDB
            + ", "
            + key
            + ") in database "
            + database
            + " within "
            + wait.toMillis()
            + " ms: "
            + (holders.isEmpty()
                ? "another session holds it"
                : "held by " + String.join(", ", holders))
            + "; that session must release it (pg_advisory_unlock) or end, then try again",
        SqlState.LOCK_NOT_AVAILABLE.code(),
        e);
  }

  private static List<String> holders(Connection connection, int key) throws SQLException {
    List<String> holders = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT l.pid, coalesce(a.usename, '?') FROM pg_locks l"
                + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::oid"
                + " AND l.objid = ?::oid AND l.objsubid = 2"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " ORDER BY 1")) {
      statement.setLong(1, TDB);
      statement.setLong(2, key);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          holders.add("role " + rs.getString(2) + " (pid " + rs.getInt(1) + ")");
        }
      }
    }
    return holders;
  }
}
