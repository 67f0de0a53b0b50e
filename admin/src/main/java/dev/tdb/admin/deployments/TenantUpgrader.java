/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.clusters.AdvisoryLocks;
import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.core.policy.SqlState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes one tenant database to a blueprint version, exactly once however often or concurrently it
 * is called: a session advisory lock serializes upgraders of the database, and the missing changes
 * are applied in one transaction that locks, checks and bumps {@code tdb_catalog.schema_version}.
 * The connection is the blueprint owner's own login, so the owner owns what the changes create and
 * a change can do nothing the owner could not. A change PostgreSQL cannot run in a transaction
 * block runs alone between such transactions, marked pending in the version row while it runs; a
 * retry of it first drops the invalid indexes an interrupted concurrent index build left.
 */
public final class TenantUpgrader {
  private static final int UPGRADE_LOCK = 4;

  /**
   * How an upgrade ended.
   *
   * @param fromVersion the version before
   * @param toVersion the version after
   */
  public record Outcome(int fromVersion, int toVersion) {
    /** True when something was applied. */
    public boolean applied() {
      return toVersion > fromVersion;
    }
  }

  private final Connection connection;

  private TenantUpgrader(Connection connection) {
    this.connection = connection;
  }

  /**
   * Upgrades the tenant behind {@code connection} (the blueprint owner's, on a database whose
   * catalog {@link Catalogs#installTenant} installed) to {@code target}.
   *
   * @param changes the blueprint's versions up to at least {@code target}, in order
   * @param lockWait how long to wait for the upgraders' lock, which the tenant's own role can take
   *     too when its workspace allows advisory locks
   * @throws UpgradeException when a change fails; the tenant keeps what committed before it
   * @throws SQLException when the tenant database cannot be reached or its catalog read; {@code
   *     55P03} naming who holds the lock when the wait runs out
   */
  public static Outcome upgrade(
      Connection connection, List<ChangeRow> changes, int target, Duration lockWait)
      throws SQLException, UpgradeException {
    AdvisoryLocks.lockSession(connection, UPGRADE_LOCK, lockWait, "upgrade");
    return new TenantUpgrader(connection).run(changes, target);
  }

  private Outcome run(List<ChangeRow> changes, int target) throws SQLException, UpgradeException {
    int from = version(false);
    int current = from;
    List<ChangeRow> missing =
        changes.stream().filter(c -> c.version() > from && c.version() <= target).toList();
    int start = 0;
    while (start < missing.size()) {
      ChangeRow first = missing.get(start);
      if (alone(first)) {
        current = applyAlone(first, from, current);
        start++;
        continue;
      }
      int end = start;
      while (end < missing.size() && !alone(missing.get(end))) {
        end++;
      }
      current = applyInTransaction(missing.subList(start, end), from, current);
      start = end;
    }
    return new Outcome(from, current);
  }

  private static boolean alone(ChangeRow change) {
    return change.nonTransactional() && !change.skipped();
  }

  private int applyInTransaction(List<ChangeRow> batch, int from, int current)
      throws SQLException, UpgradeException {
    int last = batch.get(batch.size() - 1).version();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      int locked = version(true);
      if (locked >= last) {
        connection.rollback();
        return locked;
      }
      for (ChangeRow change : batch) {
        if (!change.skipped()) {
          execute(statement, change, from, current);
        }
      }
      setVersion(statement, last, "NULL");
      connection.commit();
      return last;
    } catch (SQLException | UpgradeException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private int applyAlone(ChangeRow change, int from, int current)
      throws SQLException, UpgradeException {
    boolean retried = pending() == change.version();
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      if (retried) {
        dropInvalidIndexes(statement);
      }
      setVersion(statement, current, Integer.toString(change.version()));
      try {
        execute(statement, change, from, current);
      } catch (UpgradeException e) {
        String state = e.sqlState();
        // A run that died after the change but before the bump left it in place; keep it.
        if (!(retried
            && (SqlState.DUPLICATE_TABLE.is(state) || SqlState.DUPLICATE_OBJECT.is(state)))) {
          setVersion(statement, current, "NULL");
          throw e;
        }
      }
      setVersion(statement, change.version(), "NULL");
      return change.version();
    }
  }

  /**
   * Drops the owner's invalid indexes: what a concurrent index build cut short leaves behind. Such
   * an index serves no query, and "already exists" for it would pass a retry off as done.
   */
  private void dropInvalidIndexes(Statement statement) throws SQLException {
    List<String> drops = new ArrayList<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', n.nspname, c.relname)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT i.indisvalid AND c.relowner = current_user::regrole")) {
      while (rs.next()) {
        drops.add(rs.getString(1));
      }
    }
    for (String drop : drops) {
      statement.execute(drop);
    }
  }

  private static void execute(Statement statement, ChangeRow change, int from, int current)
      throws UpgradeException {
    try {
      statement.execute(change.sql());
    } catch (SQLException e) {
      throw new UpgradeException(from, current, change.version(), e);
    }
  }

  private int version(boolean forUpdate) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT version FROM tdb_catalog.schema_version"
                    + (forUpdate ? " FOR UPDATE" : ""))) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private int pending() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT coalesce(pending_version, 0) FROM tdb_catalog.schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void setVersion(Statement statement, int version, String pending)
      throws SQLException {
    statement.execute(
        "UPDATE tdb_catalog.schema_version SET version = "
            + version
            + ", pending_version = "
            + pending
            + ", updated_at = now()");
  }
}
