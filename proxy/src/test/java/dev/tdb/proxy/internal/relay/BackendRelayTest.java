/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.internal.metrics.TestMetrics;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The row limit on server frames, message by message, in the order a server sends them: each frame
 * in a read of its own here, and all frames of a step in one read in {@link
 * BackendRelayOneReadTest}.
 */
class BackendRelayTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private EmbeddedChannel client;
  private EmbeddedChannel server;
  private RelaySession relay;
  private int cancels;

  @BeforeEach
  void relay() {
    client = new EmbeddedChannel();
    server = new EmbeddedChannel();
    Policy policy = Policy.of(ConnectionMode.TENANT, "app_workspace", WorkspaceSettings.defaults());
    relay =
        new RelaySession(
            client,
            server,
            policy,
            SqlClassifier.create(),
            WorkspaceSettings.fromMap(Map.of("max_rows_per_query", 2, "query_timeout_ms", 0)),
            "app_workspace",
            TextReading.DEFAULT,
            backend -> {
              cancels++;
              return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
            },
            TestMetrics.meter(TestMetrics.create(), "app_workspace"));
    server.pipeline().addLast(new BackendRelay(relay));
    relay.owed().expectReadyForQuery();
  }

  @AfterEach
  void finish() {
    assertThat(server.finish()).isFalse();
    assertThat(client.finish()).isFalse();
  }

  @Test
  void passesAResultAtTheLimitThroughUntouched() {
    fromServer(dataRow(), dataRow(), complete("SELECT 2"), ready('I'));
    assertThat(toClient()).containsExactly("D", "D", "C", "Z I");
    assertThat(cancels).isZero();
  }

  @Test
  void cancelsOnceAndShowsTheCancelledStatementAs54000() {
    fromServer(dataRow(), dataRow(), dataRow(), dataRow(), error("57014"), ready('I'));
    assertThat(toClient()).containsExactly("D", "D", "E 54000", "Z I");
    assertThat(cancels).isEqualTo(1);
    // The next statement counts from zero.
    relay.owed().expectReadyForQuery();
    fromServer(dataRow(), dataRow(), complete("SELECT 2"), ready('I'));
    assertThat(toClient()).containsExactly("D", "D", "C", "Z I");
  }

  @Test
  void aStatementThatFinishedBeforeTheCancelStillFailsAndHidesWhatFollows() {
    // Two statements in one Query; the first went over the limit and completed anyway.
    fromServer(dataRow(), dataRow(), dataRow(), complete("SELECT 3"));
    fromServer(dataRow(), complete("SELECT 1"), ready('I'));
    assertThat(toClient()).containsExactly("D", "D", "E 54000", "Z I");
    assertThat(server.outboundMessages()).isEmpty();
  }

  @Test
  void failsTheServersTransactionWhenTheStatementFinishedInsideABlock() {
    fromServer(dataRow(), dataRow(), dataRow(), complete("INSERT 0 3"), ready('T'));
    assertThat(toClient()).containsExactly("D", "D", "E 54000");
    ByteBuf sent = server.readOutbound();
    assertThat(Query.decode(sent).sql()).isEqualTo(BackendRelay.FAIL_TRANSACTION);
    sent.release();
    fromServer(error("3B001"), ready('E'));
    assertThat(toClient()).containsExactly("Z E");
    assertThat(relay.owed().transactionStatus()).isEqualTo('E');
    assertThat(relay.owed().readyForQuery()).isZero();
  }

  @Test
  void showsEachRefusalInPlaceOfItsMarkerAfterAnEarlierQueryFailed() {
    // A failing Query is owed its ReadyForQuery; two refused Queries follow, each a marker + Sync.
    relay.owed().refuseOnServer(refusal("first"));
    relay.owed().expectReadyForQuery();
    relay.owed().refuseOnServer(refusal("second"));
    relay.owed().expectReadyForQuery();
    fromServer(error("22012"), ready('I'));
    fromServer(marker(), ready('I'));
    fromServer(marker(), ready('I'));
    assertThat(toClient()).containsExactly("E 22012", "Z I", "E 42501", "Z I", "E 42501", "Z I");
    assertThat(relay.owed().refusals()).isZero();
  }

  @Test
  void showsTheEarlierErrorOfTheMarkersBatchWhenTheServerSkippedTheMarker() {
    relay.owed().readyForQueryReceived('I');
    relay.owed().refuseOnServer(refusal("skipped"));
    relay.owed().expectReadyForQuery();
    fromServer(error("22012"), ready('I'));
    assertThat(toClient()).containsExactly("E 22012", "Z I");
    assertThat(relay.owed().refusals()).isZero();
  }

  @Test
  void countsAcrossPortalSuspensionsOfOneStatement() {
    fromServer(dataRow(), portalSuspended(), ready('T'));
    relay.owed().expectReadyForQuery();
    fromServer(dataRow(), portalSuspended(), ready('T'));
    assertThat(toClient()).containsExactly("D", "s", "Z T", "D", "s", "Z T");
    relay.owed().expectReadyForQuery();
    fromServer(dataRow(), portalSuspended(), ready('T'));
    assertThat(toClient()).containsExactly("E 54000");
    assertThat(server.<ByteBuf>readOutbound()).satisfies(ByteBuf::release);
    fromServer(error("3B001"), ready('E'));
    assertThat(toClient()).containsExactly("Z E");
    assertThat(cancels).isEqualTo(1);
  }

  @Test
  void aDrainingSessionEndsWith57P01OnceTheRunningStatementIsAnswered() {
    relay.drain();
    assertThat(toClient()).isEmpty();

    fromServer(dataRow(), complete("SELECT 1"), ready('I'));

    assertThat(toClient()).containsExactly("D", "C", "Z I", "E 57P01");
    assertThat(client.isOpen()).isFalse();
    assertThat(toServer()).containsExactly('X');
  }

  @Test
  void theShutdownDeadlineCancelsTheRunningStatementAndEndsTheSession() {
    relay.terminateNow();

    assertThat(cancels).isEqualTo(1);
    assertThat(toClient()).containsExactly("E 57P01");
    assertThat(client.isOpen()).isFalse();
    assertThat(toServer()).containsExactly('X');
  }

  @Test
  void endsACopyOutOverTheLimitLikeAQuery() {
    fromServer(copyOutResponse(), copyData("1\n"), copyData("2\n"), copyData("3\n"));
    fromServer(copyData("4\n"), error("57014"), ready('I'));
    assertThat(toClient()).containsExactly("H", "d", "d", "E 54000", "Z I");
    assertThat(cancels).isEqualTo(1);
  }

  @Test
  void aCopyOutThatEndedBeforeTheCancelFailsWithoutItsCopyDone() {
    fromServer(copyOutResponse(), copyData("1\n"), copyData("2\n"), copyData("3\n"), copyDone());
    fromServer(complete("COPY 3"), ready('I'));
    assertThat(toClient()).containsExactly("H", "d", "d", "E 54000", "Z I");
  }

  @Test
  void theBinaryCopyTrailerIsNotARow() {
    ByteBuf trailer = Wire.finish(Wire.begin(ALLOC, 'd').writeShort(-1));
    fromServer(copyOutResponse(), copyData("r1"), copyData("r2"), trailer, copyDone());
    fromServer(complete("COPY 2"), ready('I'));
    assertThat(toClient()).containsExactly("H", "d", "d", "d", "c", "C", "Z I");
    assertThat(cancels).isZero();
  }

  @Test
  void endsATenantSessionWhoseServerTurnedStandardStringsOff() {
    fromServer(complete("UPDATE 1"), parameterStatus("standard_conforming_strings", "off"));
    assertThat(toClient()).containsExactly("C", "E 0A000");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void endsATenantSessionWhoseServerSwitchedToAnEncodingTdbCannotRead() {
    fromServer(parameterStatus("client_encoding", "SJIS"));
    assertThat(toClient()).containsExactly("E 0A000");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void followsParameterStatusAfterALimitErrorToo() {
    fromServer(dataRow(), dataRow(), dataRow(), complete("SELECT 3"));
    fromServer(parameterStatus("standard_conforming_strings", "off"));
    assertThat(toClient()).containsExactly("D", "D", "E 54000", "E 0A000");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void followsOtherParameterStatusAndPassesItOn() {
    fromServer(parameterStatus("client_encoding", "LATIN1"), ready('I'));
    assertThat(toClient()).containsExactly("S", "Z I");
    assertThat(relay.judge().reading().clientEncoding()).isEqualTo("LATIN1");
  }

  private List<Character> toServer() {
    List<Character> seen = new ArrayList<>();
    for (ByteBuf frame; (frame = server.readOutbound()) != null; ) {
      seen.add(Wire.type(frame));
      frame.release();
    }
    return seen;
  }

  /** Whether the frames of one {@link #fromServer} call arrive in one read. */
  boolean oneRead() {
    return false;
  }

  private void fromServer(ByteBuf... frames) {
    if (!oneRead()) {
      for (ByteBuf frame : frames) {
        server.writeInbound(frame);
      }
      return;
    }
    ByteBuf read = ALLOC.buffer();
    for (ByteBuf frame : frames) {
      read.writeBytes(frame);
      frame.release();
    }
    server.writeInbound(read);
  }

  /** What reached the client: type bytes, with the SQLSTATE of errors and status of Z. */
  private List<String> toClient() {
    List<String> seen = new ArrayList<>();
    for (ByteBuf written; (written = client.readOutbound()) != null; ) {
      // A write may hold several frames; the empty write tells the relay all before it was written.
      while (written.isReadable()) {
        ByteBuf frame = written.readSlice(1 + written.getInt(written.readerIndex() + 1));
        char type = Wire.type(frame);
        seen.add(
            switch (type) {
              case 'E' -> "E " + ErrorResponse.decode(frame).sqlState();
              case 'Z' -> "Z " + ReadyForQuery.decode(frame).status();
              default -> String.valueOf(type);
            });
      }
      written.release();
    }
    return seen;
  }

  private static ByteBuf dataRow() {
    return Wire.finish(Wire.begin(ALLOC, 'D').writeShort(1).writeInt(1).writeByte('1'));
  }

  private static ByteBuf complete(String tag) {
    ByteBuf out = Wire.begin(ALLOC, 'C');
    Wire.writeCString(out, tag);
    return Wire.finish(out);
  }

  private static ByteBuf copyOutResponse() {
    return Wire.finish(Wire.begin(ALLOC, 'H').writeByte(0).writeShort(1).writeShort(0));
  }

  private static ByteBuf copyData(String row) {
    ByteBuf out = Wire.begin(ALLOC, 'd');
    out.writeCharSequence(row, StandardCharsets.UTF_8);
    return Wire.finish(out);
  }

  private static ByteBuf copyDone() {
    return Wire.finish(Wire.begin(ALLOC, 'c'));
  }

  private static ByteBuf parameterStatus(String name, String value) {
    return new ParameterStatus(name, value).encode(ALLOC);
  }

  private static ByteBuf portalSuspended() {
    return Wire.finish(Wire.begin(ALLOC, 's'));
  }

  private static ByteBuf ready(char status) {
    return new ReadyForQuery(status).encode(ALLOC);
  }

  private static ErrorResponse refusal(String message) {
    return ErrorResponse.error(new Decision.Reject(SqlState.INSUFFICIENT_PRIVILEGE, message, null));
  }

  /** The server's error about the marker Execute's portal. */
  private static ByteBuf marker() {
    String message = "portal \"" + RelaySession.REFUSAL_PORTAL + "\" does not exist";
    return new ErrorResponse(Map.of('S', "ERROR", 'C', "34000", 'M', message)).encode(ALLOC);
  }

  private static ByteBuf error(String sqlState) {
    return new ErrorResponse(Map.of('S', "ERROR", 'C', sqlState, 'M', "server error"))
        .encode(ALLOC);
  }
}
