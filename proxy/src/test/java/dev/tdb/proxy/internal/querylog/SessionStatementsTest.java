/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Execute;
import dev.tdb.proxy.internal.protocol.frontend.Sync;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class SessionStatementsTest {
  private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
  private static final Decision.Reject DDL =
      new Decision.Reject(
          SqlState.INSUFFICIENT_PRIVILEGE,
          "DDL not allowed on tenant databases",
          "use workspace mode");

  private QueryLogBuffer buffer;
  private SessionStatements log;

  @BeforeEach
  void log() {
    buffer = new QueryLogBuffer(100);
    log =
        new SessionStatements(
            buffer,
            WorkspaceSettings.defaults()
                .with(Setting.QUERY_LOG, "all")
                .with(Setting.QUERY_LOG_LITERALS, true),
            null,
            new SessionStatements.Origin("tdb_1", "app__acme", "acme", "127.0.0.1"),
            12);
  }

  @Test
  void logsASimpleQueryWithItsRowsAtReadyForQuery() throws InterruptedException {
    log.query("SELECT id FROM note", classified("SELECT id FROM note"), Decision.ALLOW);
    toClient(frame('T'), frame('D'), frame('D'), frame('C'));
    assertThat(events()).isEmpty();
    toClient(new ReadyForQuery('I').encode(ALLOC));
    QueryEvent event = events().get(0);
    assertThat(event.sql()).isEqualTo("SELECT id FR...");
    assertThat(event.kind()).isEqualTo(StatementKind.READ);
    assertThat(event.rows()).isEqualTo(2L);
    assertThat(event.sqlState()).isNull();
    assertThat(event.tenant()).isEqualTo("acme");
  }

  @Test
  void logsEachExecuteWithTheSqlOfItsParseAndSkipsWhatAnErrorSkipped() throws InterruptedException {
    log.parse("S_1", "SELECT 1/$1", classified("SELECT 1/$1"), Decision.ALLOW);
    fromClient(bind("", "S_1"), new Execute("", 0).encode(ALLOC));
    fromClient(bind("", "S_1"), new Execute("", 0).encode(ALLOC), Sync.INSTANCE.encode(ALLOC));
    toClient(frame('2'), frame('D'), frame('C'));
    toClient(
        ErrorResponse.error(
                new Decision.Reject(
                    SqlState.UNIQUE_VIOLATION,
                    "duplicate key value violates unique constraint",
                    "none"))
            .encode(ALLOC),
        new ReadyForQuery('I').encode(ALLOC));
    List<QueryEvent> events = events();
    assertThat(events).extracting(QueryEvent::sqlState).containsExactly(null, "23505");
    assertThat(events).extracting(QueryEvent::rows).containsExactly(1L, null);
    assertThat(events).extracting(QueryEvent::sql).containsOnly("SELECT 1/$1");
  }

  @Test
  void logsARefusedParseWithTheRefusalAndNoDuration() throws InterruptedException {
    log.parse("", "CREATE TABLE t (id int)", classified("CREATE TABLE t (id int)"), DDL);
    toClient(ErrorResponse.error(DDL).encode(ALLOC));
    fromClient(Sync.INSTANCE.encode(ALLOC));
    toClient(new ReadyForQuery('I').encode(ALLOC));
    QueryEvent event = events().get(0);
    assertThat(event.sqlState()).isEqualTo("42501");
    assertThat(event.kind()).isEqualTo(StatementKind.DDL);
    assertThat(event.duration()).isZero();
    assertThat(event.rows()).isNull();
  }

  @Test
  void logsTheNormalizedTextUnlessTheWorkspaceAsksForLiterals() throws InterruptedException {
    log = session(WorkspaceSettings.defaults().with(Setting.QUERY_LOG, "all"));
    String sql = "ALTER ROLE app PASSWORD 'hunter2'";
    log.query(sql, classified(sql), Decision.ALLOW);
    toClient(new ReadyForQuery('I').encode(ALLOC));
    assertThat(events()).extracting(QueryEvent::sql).containsExactly("ALTER ROLE a...");
    log = session(WorkspaceSettings.defaults().with(Setting.QUERY_LOG, "all"));
    log.query("SELECT 'hunter2'", classified("SELECT 'hunter2'"), Decision.ALLOW);
    toClient(new ReadyForQuery('I').encode(ALLOC));
    assertThat(events()).extracting(QueryEvent::sql).containsExactly("SELECT $1");
  }

  @Test
  void logsOnlyErrorsAndSlowStatementsInSlowModeAndNothingWhenOff() throws InterruptedException {
    log =
        session(
            WorkspaceSettings.defaults()
                .with(Setting.QUERY_LOG, "slow")
                .with(Setting.QUERY_LOG_MIN_DURATION_MS, 60_000));
    log.query("SELECT 1", classified("SELECT 1"), Decision.ALLOW);
    toClient(new ReadyForQuery('I').encode(ALLOC));
    log.query("SELECT 1/0", classified("SELECT 1/0"), Decision.ALLOW);
    toClient(
        ErrorResponse.error(
                new Decision.Reject(SqlState.UNIQUE_VIOLATION, "duplicate key value", "none"))
            .encode(ALLOC),
        new ReadyForQuery('I').encode(ALLOC));
    assertThat(events()).extracting(QueryEvent::sqlState).containsExactly("23505");

    log = session(WorkspaceSettings.defaults());
    log.query("SELECT 1/0", classified("SELECT 1/0"), Decision.ALLOW);
    toClient(
        ErrorResponse.error(
                new Decision.Reject(SqlState.UNIQUE_VIOLATION, "duplicate key value", "none"))
            .encode(ALLOC),
        new ReadyForQuery('I').encode(ALLOC));
    assertThat(events()).isEmpty();
  }

  private SessionStatements session(WorkspaceSettings settings) {
    return new SessionStatements(
        buffer,
        settings,
        null,
        new SessionStatements.Origin("tdb_1", "app__acme", "acme", "127.0.0.1"),
        12);
  }

  private static Classification classified(String sql) {
    return SqlClassifier.classifyUncached(sql);
  }

  private List<QueryEvent> events() throws InterruptedException {
    List<QueryEvent> events = new ArrayList<>();
    buffer.drainTo(events, 100, 0);
    return events;
  }

  private void toClient(ByteBuf... frames) {
    for (ByteBuf frame : frames) {
      log.toClient(frame);
      frame.release();
    }
  }

  private void fromClient(ByteBuf... frames) {
    for (ByteBuf frame : frames) {
      log.fromClient(frame);
      frame.release();
    }
  }

  private static ByteBuf bind(String portal, String statement) {
    ByteBuf out = Wire.begin(ALLOC, 'B');
    Wire.writeCString(out, portal);
    Wire.writeCString(out, statement);
    out.writeShort(0);
    out.writeShort(1);
    out.writeInt(1);
    out.writeByte('0');
    out.writeShort(0);
    return Wire.finish(out);
  }

  private static ByteBuf frame(char type) {
    return Wire.finish(Wire.begin(ALLOC, type));
  }
}
