/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.stats.StatementStatsReport.StatementStats;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.querylog.SessionStatements;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's statements counted as the client saw them, with the per-statement log off. */
final class SessionCountingTest {
  private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

  @Test
  void countsCallsRowsFromDataRowsOrTagsAndErrorsPerNormalizedStatement()
      throws InterruptedException {
    StatementStatistics statistics = new StatementStatistics(10, 100, Clock.systemUTC());
    SessionStatements session =
        new SessionStatements(
            null,
            WorkspaceSettings.defaults(),
            statistics.on(ImmediateEventExecutor.INSTANCE),
            new SessionStatements.Origin("tdb_1", "app__acme", "acme", "127.0.0.1"),
            100);
    query(session, "SELECT id FROM t WHERE a = 1", frame('D'), frame('D'), tag("SELECT 2"));
    query(session, "select id from t where a = 2", frame('D'), tag("SELECT 1"));
    query(session, "UPDATE t SET a = 5", tag("UPDATE 7"));
    query(
        session,
        "UPDATE t SET a = 'x'",
        ErrorResponse.error(
                new Decision.Reject(SqlState.UNIQUE_VIOLATION, "duplicate key value", "none"))
            .encode(ALLOC));
    StatsWindow window = statistics.emptyWindow();
    statistics.collectInto(window, 1000);
    List<StatementStats> stats = window.report(Clock.systemUTC().instant()).statements();
    StatementStats select = find(stats, "SELECT id FROM t WHERE a = $1");
    assertThat(select.calls()).isEqualTo(2);
    assertThat(select.rows()).isEqualTo(3);
    StatementStats update = find(stats, "UPDATE t SET a = $1");
    assertThat(update.calls()).isEqualTo(2);
    assertThat(update.rows()).isEqualTo(7);
    assertThat(update.errors()).containsEntry("23505", 1L);
  }

  private static void query(SessionStatements session, String sql, ByteBuf... answers) {
    session.query(sql, SqlClassifier.classifyUncached(sql), Decision.ALLOW);
    for (ByteBuf answer : answers) {
      session.toClient(answer);
      answer.release();
    }
    ByteBuf ready = new ReadyForQuery('I').encode(ALLOC);
    session.toClient(ready);
    ready.release();
  }

  private static StatementStats find(List<StatementStats> stats, String query) {
    return stats.stream().filter(s -> s.query().equals(query)).findFirst().orElseThrow();
  }

  private static ByteBuf frame(char type) {
    return Wire.finish(Wire.begin(ALLOC, type));
  }

  private static ByteBuf tag(String tag) {
    ByteBuf out = Wire.begin(ALLOC, 'C');
    Wire.writeCString(out, tag);
    return Wire.finish(out);
  }
}
