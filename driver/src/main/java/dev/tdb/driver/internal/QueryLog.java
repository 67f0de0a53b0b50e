/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.driver.TdbProperty;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log of one connection: one {@link QueryEvent} per statement, as a JSON line at INFO on
 * the SLF4J logger {@value #LOGGER}. Off unless the connection asks for it ({@code queryLog=true});
 * an off log is {@code null}, so statements pay nothing for it.
 */
final class QueryLog {
  /** The logger name events go to. */
  static final String LOGGER = "dev.tdb.query";

  private static final Logger EVENTS = LoggerFactory.getLogger(LOGGER);

  private final String account;
  private final String database;
  private final String tenant;
  private final int maxSqlLength;

  private QueryLog(String account, String database, String tenant, int maxSqlLength) {
    this.account = account;
    this.database = database;
    this.tenant = tenant;
    this.maxSqlLength = maxSqlLength;
  }

  /**
   * The query-log properties of a connection, read and checked before anything is contacted.
   *
   * @param enabled whether statements are logged
   * @param maxSqlLength characters of SQL text an event keeps
   */
  record Settings(boolean enabled, int maxSqlLength) {
    /**
     * Reads {@code queryLog} and {@code queryLogSqlLength}.
     *
     * @throws SQLException 08001 for a value that is not a boolean or a length
     */
    static Settings of(Properties properties) throws SQLException {
      boolean enabled =
          switch (TdbProperty.QUERY_LOG.get(properties).trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Errors.malformed("queryLog must be true or false");
          };
      String length = TdbProperty.QUERY_LOG_SQL_LENGTH.get(properties).trim();
      if (!length.matches("[0-9]{1,9}")) {
        throw Errors.malformed("queryLogSqlLength must be a number of characters from 0");
      }
      return new Settings(enabled, Integer.parseInt(length));
    }

    /** The log of a connection to {@code entry}'s database, or {@code null} when it is off. */
    QueryLog forConnection(AdminCredentials credentials, RoutingEntry entry) {
      if (!enabled) {
        return null;
      }
      String account = credentials instanceof AdminCredentials.Account a ? a.user() : null;
      String name = entry.logicalName();
      int separator = name.indexOf("__");
      String tenant =
          entry.mode() == RoutingEntry.Mode.TENANT && separator > 0
              ? name.substring(separator + 2)
              : null;
      return new QueryLog(account, name, tenant, maxSqlLength);
    }
  }

  /** A statement about to run: its event is written by {@link Pending#finish}. */
  Pending start(StatementKind kind, String sql) {
    return new Pending(kind, sql, Instant.now(), System.nanoTime());
  }

  /** Writes the event of a statement the policy refused before sending it. */
  void refused(Classification classification, String sql, String sqlState) {
    start(QueryEvent.kindOf(classification), sql).finish(null, sqlState);
  }

  /** A statement that ran or runs; its event is written once, by the first {@code finish}. */
  final class Pending {
    private final StatementKind kind;
    private final String sql;
    private final Instant time;
    private final long startNanos;
    private Duration duration;
    private long rowsRead;
    private boolean written;

    private Pending(StatementKind kind, String sql, Instant time, long startNanos) {
      this.kind = kind;
      this.sql = sql;
      this.time = time;
      this.startNanos = startNanos;
    }

    /** Marks the server's answer; the time until now is the statement's duration. */
    void answered() {
      duration = Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Counts one row the application read from the statement's result. */
    void rowRead() {
      rowsRead++;
    }

    /** Writes the event with the rows read so far, for a statement that returned rows. */
    void finishReading() {
      finish(rowsRead, null);
    }

    /** Writes the event with {@code rows} (or none) and {@code sqlState} (or success). */
    void finish(Long rows, String sqlState) {
      if (written || !EVENTS.isInfoEnabled()) {
        return;
      }
      written = true;
      if (duration == null) {
        answered();
      }
      QueryEvent event =
          new QueryEvent(
              time,
              account,
              database,
              tenant,
              kind,
              duration,
              rows,
              sqlState,
              ClientHost.NAME,
              QueryEvent.truncate(sql, maxSqlLength));
      EVENTS.info(event.toJson());
    }
  }

  /** This machine's host name, looked up once, when the first event is written. */
  private static final class ClientHost {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "unknown";
      }
    }
  }
}
