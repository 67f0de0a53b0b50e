/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.frontend.Bind;
import dev.tdb.proxy.internal.protocol.frontend.Close;
import dev.tdb.proxy.internal.protocol.frontend.Execute;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import dev.tdb.proxy.internal.relay.StatementLog;
import dev.tdb.proxy.internal.stats.StatementStatistics;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one relayed session records about its statements: each call counted in the statement
 * statistics of its event loop, and, when the per-statement log is on, one event per simple Query
 * (up to its ReadyForQuery) and per Execute (up to its CommandComplete, PortalSuspended,
 * EmptyQueryResponse or error), with the SQL of the Parse behind the executed portal. Statements
 * are matched with the client's answers in the order the protocol answers them, from the frames the
 * client is actually sent, so refusals, row-limit errors and errors replaced by the proxy are
 * logged as the client saw them. Bind parameters are never read. Confined to the session's event
 * loop; counting takes no lock and finished events go to the shared {@link QueryLogBuffer} without
 * waiting.
 */
public final class SessionStatements implements StatementLog {
  /** Prepared statements and portals remembered per session, oldest forgotten first. */
  static final int MAX_NAMED = 1000;

  private final StatementText unknownText;

  private final QueryLogBuffer buffer;
  private final LogChoice choice;
  private final StatementStatistics.Loop statistics;
  private final Origin origin;
  private final int sqlLength;
  private final Map<String, StatementText> statements = bounded();
  private final Map<String, StatementText> portals = bounded();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private LastText lastText;

  private record LastText(String source, StatementText text) {}

  /**
   * Where a session's events come from.
   *
   * @param account the account user
   * @param database the logical database
   * @param tenant the tenant name, or {@code null} outside tenant databases
   * @param client the client's address
   */
  public record Origin(String account, String database, String tenant, String client) {}

  private enum Ending {
    /** A simple Query: ends at ReadyForQuery. */
    QUERY,
    /** An Execute: ends at its result's end or error. */
    EXECUTE,
    /** A Sync: its ReadyForQuery ends the extended-protocol cycle. */
    SYNC
  }

  private static final class Pending {
    final Ending ending;
    final StatementText text;
    final Instant time;
    final long start = System.nanoTime();
    final boolean refused;
    long rows;
    long taggedRows;
    String sqlState;

    Pending(Ending ending, StatementText text, String refusal, boolean logged) {
      this.time = logged ? Instant.now() : null;
      this.ending = ending;
      this.text = text;
      this.refused = refusal != null;
      this.sqlState = refusal;
    }
  }

  /**
   * The records of a session from {@code origin}: counted in {@code statistics} (or not, when null)
   * and logged to {@code buffer} as {@code settings} choose (or not, when {@code buffer} is null),
   * SQL cut to {@code sqlLength} characters.
   */
  public SessionStatements(
      QueryLogBuffer buffer,
      WorkspaceSettings settings,
      StatementStatistics.Loop statistics,
      Origin origin,
      int sqlLength) {
    LogChoice logChoice = LogChoice.of(settings);
    this.buffer = logChoice.logsAny() ? buffer : null;
    this.choice = logChoice;
    this.statistics = statistics;
    this.origin = origin;
    this.sqlLength = sqlLength;
    this.unknownText = new StatementText("", StatementKind.UNKNOWN, sqlLength);
  }

  @Override
  public void query(String sql, Classification classification, Decision decision) {
    pending.add(new Pending(Ending.QUERY, text(sql, classification), refusal(decision), logged()));
  }

  @Override
  public void parse(
      String statement, String sql, Classification classification, Decision decision) {
    String refusal = refusal(decision);
    if (refusal == null) {
      StatementText text = text(sql, classification);
      if (!statement.isEmpty()) {
        // A named statement is kept for the session: normalize it now and keep no source text.
        text.get();
      }
      statements.put(statement, text);
    } else {
      // Its Bind and Execute never reach the server: the refusal stands for them.
      pending.add(new Pending(Ending.EXECUTE, text(sql, classification), refusal, logged()));
    }
  }

  @Override
  public void fromClient(ByteBuf frame) {
    switch (Wire.type(frame)) {
      case FrontendType.BIND -> {
        Bind bind = Bind.decode(frame);
        portals.put(bind.portal(), statements.getOrDefault(bind.statement(), unknownText));
      }
      case FrontendType.EXECUTE ->
          pending.add(
              new Pending(
                  Ending.EXECUTE,
                  portals.getOrDefault(Execute.decode(frame).portal(), unknownText),
                  null,
                  logged()));
      case FrontendType.CLOSE -> {
        Close close = Close.decode(frame);
        (close.target() == Close.STATEMENT ? statements : portals).remove(close.name());
      }
      case FrontendType.SYNC -> pending.add(new Pending(Ending.SYNC, unknownText, null, false));
      default -> {
        // Describe, Flush and the rest start no statement.
      }
    }
  }

  @Override
  public void toClient(ByteBuf frame) {
    Pending head = pending.peek();
    switch (Wire.type(frame)) {
      case BackendType.DATA_ROW -> {
        if (head != null) {
          head.rows++;
        }
      }
      case BackendType.COMMAND_COMPLETE -> {
        if (head != null) {
          head.taggedRows += CommandTag.rows(frame);
        }
        if (head != null && head.ending == Ending.EXECUTE) {
          finish(pending.poll());
        }
      }
      case BackendType.PORTAL_SUSPENDED, BackendType.EMPTY_QUERY_RESPONSE -> {
        if (head != null && head.ending == Ending.EXECUTE) {
          finish(pending.poll());
        }
      }
      case BackendType.ERROR_RESPONSE -> failed(head, ErrorResponse.decode(frame).sqlState());
      case BackendType.READY_FOR_QUERY -> ready();
      default -> {
        // Row descriptions, notices and the like end nothing.
      }
    }
  }

  private void failed(Pending head, String sqlState) {
    if (head == null || head.ending == Ending.SYNC) {
      return;
    }
    head.sqlState = sqlState;
    if (head.ending == Ending.EXECUTE) {
      finish(pending.poll());
    }
  }

  /** Ends the cycle: Executes left before its Sync were skipped by the server after an error. */
  private void ready() {
    Pending next;
    while ((next = pending.poll()) != null) {
      if (next.ending == Ending.QUERY) {
        finish(next);
        return;
      }
      if (next.ending == Ending.SYNC) {
        return;
      }
    }
  }

  private void finish(Pending statement) {
    long nanos = statement.refused ? 0 : System.nanoTime() - statement.start;
    // DataRows count what a SELECT returned; the command tag what a write changed.
    long rows = statement.rows > 0 ? statement.rows : statement.taggedRows;
    if (statistics != null) {
      statistics.record(
          origin.database(),
          statement.text.fingerprint(),
          statement.text,
          nanos,
          rows,
          statement.sqlState);
    }
    if (buffer != null && choice.logs(nanos, statement.sqlState)) {
      buffer.add(
          new QueryEvent(
              statement.time,
              origin.account(),
              origin.database(),
              origin.tenant(),
              statement.text.kind(),
              Duration.ofNanos(nanos),
              statement.sqlState == null ? statement.rows : null,
              statement.sqlState,
              origin.client(),
              choice.literals() ? statement.text.sql() : statement.text.get()));
    }
  }

  private StatementText text(String sql, Classification classification) {
    LastText last = lastText;
    if (last != null && last.source.equals(sql)) {
      // Unnamed statements parsed again and again: read the text once.
      return last.text;
    }
    StatementText text = new StatementText(sql, QueryEvent.kindOf(classification), sqlLength);
    lastText = new LastText(sql, text);
    return text;
  }

  private boolean logged() {
    return buffer != null;
  }

  private static String refusal(Decision decision) {
    return decision instanceof Decision.Reject reject ? reject.sqlState() : null;
  }

  private static Map<String, StatementText> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, StatementText> eldest) {
        return size() > MAX_NAMED;
      }
    };
  }
}
