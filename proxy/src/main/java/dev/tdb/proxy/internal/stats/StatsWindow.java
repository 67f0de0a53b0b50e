/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.stats.StatementStatsReport;
import dev.tdb.core.stats.StatementStatsReport.StatementStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Statement statistics over one window, per logical database and fingerprint. At most {@code
 * maxStatements} distinct statements are kept per database; the calls of any further statement are
 * added to the database's "other" bucket ({@link StatementStatsReport#OTHER_FINGERPRINT}) and
 * counted as overflow, never dropped. Not thread-safe: owned by one event loop until it is handed
 * to the shipper.
 */
final class StatsWindow {
  private final int maxStatements;
  private final int queryLength;
  private final Map<String, Database> databases = new HashMap<>();
  private Instant start;
  private long overflow;

  private static final class Database {
    final Map<Long, StatementCounters> statements = new HashMap<>();
    StatementCounters other;
    // The statement counted last: a session mostly repeats a few statements, and this spares the
    // boxed lookup.
    long lastFingerprint;
    StatementCounters last;
  }

  // The database counted last, found by identity: a loop's sessions share the routing entry's name.
  private String lastName;
  private Database lastDatabase;

  /** A window starting {@code start}, keeping at most {@code maxStatements} per database. */
  StatsWindow(Instant start, int maxStatements, int queryLength) {
    this.start = start;
    this.maxStatements = maxStatements;
    this.queryLength = queryLength;
  }

  /**
   * Counts one call of the statement with {@code fingerprint} on {@code database}; {@code text} is
   * asked for its normalized text only when the statement is new in this window.
   */
  void record(
      String database,
      long fingerprint,
      Supplier<String> text,
      long nanos,
      long rows,
      String sqlState) {
    Database counters = database(database);
    StatementCounters statementCounters;
    if (counters.last != null && counters.lastFingerprint == fingerprint) {
      statementCounters = counters.last;
    } else {
      statementCounters = counters.statements.get(fingerprint);
      if (statementCounters == null) {
        statementCounters = admit(counters, fingerprint, text);
      }
      counters.lastFingerprint = fingerprint;
      counters.last = statementCounters;
    }
    statementCounters.record(nanos, rows, sqlState);
  }

  private Database database(String name) {
    if (name != lastName) {
      lastDatabase = databases.computeIfAbsent(name, n -> new Database());
      lastName = name;
    }
    return lastDatabase;
  }

  private StatementCounters admit(Database counters, long fingerprint, Supplier<String> text) {
    if (counters.statements.size() < maxStatements
        && fingerprint != StatementStatsReport.OTHER_FINGERPRINT) {
      StatementCounters created =
          new StatementCounters(QueryEvent.truncate(text.get(), queryLength));
      counters.statements.put(fingerprint, created);
      return created;
    }
    overflow++;
    return other(counters);
  }

  private static StatementCounters other(Database counters) {
    if (counters.other == null) {
      counters.other = new StatementCounters(StatementStatsReport.OTHER_QUERY);
    }
    return counters.other;
  }

  /** Adds what {@code later} counted; this window then covers both. */
  void merge(StatsWindow later) {
    if (later.start.isBefore(start)) {
      start = later.start;
    }
    later.databases.forEach(
        (name, theirs) -> {
          Database ours = databases.computeIfAbsent(name, n -> new Database());
          theirs.statements.forEach(
              (fingerprint, counters) -> {
                StatementCounters mine = ours.statements.get(fingerprint);
                if (mine == null) {
                  boolean room = ours.statements.size() < maxStatements;
                  if (room) {
                    ours.statements.put(fingerprint, counters);
                    return;
                  }
                  overflow += counters.calls();
                  mine = other(ours);
                }
                mine.merge(counters);
              });
          if (theirs.other != null) {
            other(ours).merge(theirs.other);
          }
        });
    overflow += later.overflow;
  }

  /** Whether nothing was counted. */
  boolean isEmpty() {
    return databases.isEmpty();
  }

  /** Calls counted, in every database. */
  long calls() {
    long calls = 0;
    for (Database database : databases.values()) {
      for (StatementCounters counters : database.statements.values()) {
        calls += counters.calls();
      }
      calls += database.other == null ? 0 : database.other.calls();
    }
    return calls;
  }

  /** When the window started. */
  Instant start() {
    return start;
  }

  /** Calls added to an "other" bucket because their database had no room left. */
  long overflow() {
    return overflow;
  }

  /** The window as the admin service receives it, ended at {@code end}. */
  StatementStatsReport report(Instant end) {
    List<StatementStats> statements = new ArrayList<>();
    databases.forEach(
        (name, counters) -> {
          counters.statements.forEach(
              (fingerprint, statement) -> statements.add(statement.report(name, fingerprint)));
          if (counters.other != null) {
            statements.add(counters.other.report(name, StatementStatsReport.OTHER_FINGERPRINT));
          }
        });
    return new StatementStatsReport(start.toString(), end.toString(), statements);
  }
}
