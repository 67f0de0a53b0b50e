/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.internal.metrics.TestMetrics;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import dev.tdb.proxy.internal.protocol.frontend.Sync;
import dev.tdb.proxy.internal.querylog.QueryLogBuffer;
import dev.tdb.proxy.internal.querylog.SessionStatements;
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

final class FrontendRelayTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private static final String HIDDEN_DO =
      "SELECT 'x\\' , $a$ ' ; DO $d$BEGIN RAISE NOTICE 'ran'; END$d$; SELECT 1 --$a$";
  private EmbeddedChannel client;
  private EmbeddedChannel server;
  private RelaySession relay;

  @BeforeEach
  void relay() {
    relay(ConnectionMode.TENANT);
  }

  private void relay(ConnectionMode mode) {
    client = new EmbeddedChannel();
    server = new EmbeddedChannel();
    Policy policy = Policy.of(mode, "app_workspace", WorkspaceSettings.defaults());
    relay =
        new RelaySession(
            client,
            server,
            policy,
            SqlClassifier.create(),
            WorkspaceSettings.fromMap(Map.of("max_rows_per_query", 0, "query_timeout_ms", 0)),
            "app_workspace",
            TextReading.DEFAULT,
            backend -> ImmediateEventExecutor.INSTANCE.newSucceededFuture(null),
            TestMetrics.meter(TestMetrics.create(), "app_workspace"));
    client.pipeline().addLast(new FrontendRelay(relay));
  }

  @AfterEach
  void finish() {
    assertThat(server.finish()).isFalse();
    assertThat(client.finish()).isFalse();
  }

  @Test
  void forwardsAnAllowedQueryAsTheOriginalBuffer() {
    ByteBuf query = new Query("SELECT 1").encode(ALLOC);
    client.writeInbound(query);
    ByteBuf sent = server.readOutbound();
    assertThat(sent).isSameAs(query);
    sent.release();
  }

  @Test
  void answersARefusedQueryWithErrorAndReadyForQuery() {
    client.writeInbound(new Query("CREATE TABLE t (id int)").encode(ALLOC));
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).sqlState()).isEqualTo("42501");
    error.release();
    ByteBuf ready = client.readOutbound();
    assertThat(ReadyForQuery.decode(ready).status()).isEqualTo('I');
    ready.release();
  }

  @Test
  void discardsEverythingUntilSyncAfterARefusedParse() {
    client.writeInbound(parse("DROP TABLE t"), bind(), Sync.INSTANCE.encode(ALLOC));
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).message()).isEqualTo(Policy.TENANT_DDL_MESSAGE);
    error.release();
    ByteBuf ready = client.readOutbound();
    assertThat(Wire.type(ready)).isEqualTo(BackendType.READY_FOR_QUERY);
    ready.release();
    ByteBuf next = new Query("SELECT 1").encode(ALLOC);
    client.writeInbound(next);
    ByteBuf sent = server.readOutbound();
    assertThat(sent).isSameAs(next);
    sent.release();
  }

  @Test
  void letsTheServerFailARefusalInTheMiddleOfAPipeline() {
    client.writeInbound(
        parse("SELECT 1"), bind(), parse("DROP TABLE t"), Sync.INSTANCE.encode(ALLOC));
    char[] types = new char[4];
    for (int i = 0; i < types.length; i++) {
      ByteBuf sent = server.readOutbound();
      types[i] = Wire.type(sent);
      sent.release();
    }
    assertThat(types).containsExactly('P', 'B', 'E', 'S');
    assertThat((Object) client.readOutbound()).isNull();
  }

  @Test
  void passesAPipelineThatArrivedInOneReadOnInOneWrite() {
    ByteBuf read = oneRead(parse("SELECT 1"), bind(), Sync.INSTANCE.encode(ALLOC));
    client.writeInbound(read);
    ByteBuf sent = server.readOutbound();
    assertThat(sent).isSameAs(read);
    sent.release();
    assertThat((Object) server.readOutbound()).isNull();
  }

  @Test
  void cutsARefusalOutOfAReadAndKeepsTheOrderAroundIt() {
    client.writeInbound(
        oneRead(
            parse("SELECT 1"),
            bind(),
            parse("DROP TABLE t"),
            bind(),
            Sync.INSTANCE.encode(ALLOC),
            new Query("SELECT 2").encode(ALLOC)));
    // The refused Parse becomes the marker Execute; its Bind is discarded up to the Sync.
    assertThat(toServer()).containsExactly('P', 'B', 'E', 'S', 'Q');
    assertThat((Object) client.readOutbound()).isNull();
  }

  @Test
  void answersARefusalInAReadAndForwardsWhatFollowsTheSync() {
    client.writeInbound(
        oneRead(
            parse("DROP TABLE t"),
            bind(),
            Sync.INSTANCE.encode(ALLOC),
            new Query("SELECT 1").encode(ALLOC)));
    assertThat(toServer()).containsExactly('Q');
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).sqlState()).isEqualTo("42501");
    error.release();
    ByteBuf ready = client.readOutbound();
    assertThat(Wire.type(ready)).isEqualTo(BackendType.READY_FOR_QUERY);
    ready.release();
  }

  @Test
  void refusesAFunctionCallOnATenantWithErrorAndReadyForQuery() {
    client.writeInbound(functionCall());
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).sqlState()).isEqualTo("42501");
    assertThat(ErrorResponse.decode(error).message()).contains("FunctionCall");
    error.release();
    ByteBuf ready = client.readOutbound();
    assertThat(Wire.type(ready)).isEqualTo(BackendType.READY_FOR_QUERY);
    ready.release();
    assertThat(relay.owed().readyForQuery()).isZero();
  }

  @Test
  void letsTheServerFailAQueryRefusedInsideATransactionBlock() {
    relay.owed().expectReadyForQuery();
    relay.owed().readyForQueryReceived(ReadyForQuery.IN_TRANSACTION);
    client.writeInbound(new Query("CREATE TABLE t (id int)").encode(ALLOC));
    assertThat(toServer()).containsExactly('E', 'S');
    assertThat(relay.owed().nextRefusal().error().sqlState()).isEqualTo("42501");
    assertThat(relay.owed().readyForQuery()).isEqualTo(1);
    assertThat((Object) client.readOutbound()).isNull();
  }

  @Test
  void letsTheServerFailAParseRefusedInsideATransactionBlock() {
    relay.owed().expectReadyForQuery();
    relay.owed().readyForQueryReceived(ReadyForQuery.IN_TRANSACTION);
    client.writeInbound(parse("DROP TABLE t"), bind(), Sync.INSTANCE.encode(ALLOC));
    assertThat(toServer()).containsExactly('E', 'S');
    assertThat(relay.owed().nextRefusal().error().message()).isEqualTo(Policy.TENANT_DDL_MESSAGE);
    assertThat((Object) client.readOutbound()).isNull();
  }

  @Test
  void letsTheServerFailAFunctionCallRefusedInsideATransactionBlock() {
    relay.owed().expectReadyForQuery();
    relay.owed().readyForQueryReceived(ReadyForQuery.IN_TRANSACTION);
    client.writeInbound(functionCall());
    assertThat(toServer()).containsExactly('E', 'S');
    assertThat(relay.owed().nextRefusal().error().message()).contains("FunctionCall");
    assertThat((Object) client.readOutbound()).isNull();
  }

  @Test
  void answersARefusalInAFailedTransactionBlockItself() {
    relay.owed().expectReadyForQuery();
    relay.owed().readyForQueryReceived('E');
    client.writeInbound(new Query("CREATE TABLE t (id int)").encode(ALLOC));
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).sqlState()).isEqualTo("42501");
    error.release();
    ByteBuf ready = client.readOutbound();
    assertThat(ReadyForQuery.decode(ready).status()).isEqualTo('E');
    ready.release();
  }

  @Test
  void letsTheServerFailARefusedFunctionCallBehindAStatementItStillRuns() {
    client.writeInbound(new Query("SELECT 1").encode(ALLOC), functionCall());
    assertThat(toServer()).containsExactly('Q', 'E', 'S');
    assertThat(relay.owed().readyForQuery()).isEqualTo(2);
    assertThat((Object) client.readOutbound()).isNull();
  }

  @Test
  void forwardsAndCountsAFunctionCallInAWorkspace() {
    assertThat(server.finish()).isFalse();
    assertThat(client.finish()).isFalse();
    relay(ConnectionMode.WORKSPACE);
    client.writeInbound(functionCall());
    assertThat(toServer()).containsExactly('F');
    assertThat(relay.owed().readyForQuery()).isEqualTo(1);
  }

  @Test
  void forwardsABackslashTextWhenTheServerReadsItAsTheProxyDoes() {
    client.writeInbound(new Query(HIDDEN_DO).encode(ALLOC));
    assertThat(toServer()).containsExactly('Q');
  }

  @Test
  void refusesAPipelinedTextThatAnotherBackslashReadingMakesUnsafe() {
    // Whatever runs first may turn standard_conforming_strings off before the server reads it.
    client.writeInbound(new Query("SELECT 1").encode(ALLOC), new Query(HIDDEN_DO).encode(ALLOC));
    assertThat(toServer()).containsExactly('Q', 'E', 'S');
    assertThat(relay.owed().nextRefusal().error().message()).contains("DO");
  }

  @Test
  void refusesAPipelinedTextThatAClientOnlyEncodingMakesUnsafe() {
    // In SJIS, 0x95 0x5C is one character: the backslash does not escape the quote after it.
    ByteBuf sjis = Wire.begin(ALLOC, 'Q');
    sjis.writeCharSequence("SELECT E'", StandardCharsets.US_ASCII);
    sjis.writeByte(0x95).writeByte(0x5C);
    sjis.writeCharSequence(
        "'; DO $d$BEGIN RAISE NOTICE 'ran'; END$d$; -- '", StandardCharsets.US_ASCII);
    sjis.writeByte(0);
    client.writeInbound(new Query("SELECT 1").encode(ALLOC), Wire.finish(sjis));
    assertThat(toServer()).containsExactly('Q', 'E', 'S');
    assertThat(relay.owed().nextRefusal().error().message()).contains("DO");
  }

  @Test
  void followsTheServersBackslashReadingOnAWorkspace() {
    assertThat(server.finish()).isFalse();
    assertThat(client.finish()).isFalse();
    relay(ConnectionMode.CONTROL);
    relay.follow(new ParameterStatus("standard_conforming_strings", "off"));
    client.writeInbound(
        new Query("SELECT 'x\\' , $a$ ' ; CREATE ROLE evil; SELECT 1 --$a$").encode(ALLOC));
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).message())
        .isEqualTo("CREATE ROLE is not allowed through tdb");
    error.release();
    ByteBuf ready = client.readOutbound();
    ready.release();
  }

  @Test
  void endsTheSessionWith08P01OnAnUnknownMessageType() {
    ByteBuf unknown = Wire.finish(Wire.begin(ALLOC, 'x'));
    client.writeInbound(oneRead(new Query("SELECT 1").encode(ALLOC), unknown));
    assertThat(toServer()).containsExactly('Q');
    ByteBuf error = client.readOutbound();
    ErrorResponse fatal = ErrorResponse.decode(error);
    error.release();
    assertThat(fatal.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
    assertThat(fatal.message()).isEqualTo("invalid frontend message type 120");
    assertClosedAfterFlush();
  }

  @Test
  void endsTheSessionWith08P01OnAQueryWithoutItsTerminator() {
    ByteBuf malformed = Wire.begin(ALLOC, 'Q').writeByte('S');
    client.writeInbound(Wire.finish(malformed));
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).message()).startsWith("invalid message format");
    error.release();
    assertClosedAfterFlush();
  }

  @Test
  void endsTheSessionWith08P01OnAnExecuteCutShortWhileStatementsAreLogged() {
    relay.logTo(
        new SessionStatements(
            new QueryLogBuffer(10),
            WorkspaceSettings.defaults().with(Setting.QUERY_LOG, "all"),
            null,
            new SessionStatements.Origin("tdb_1", "app__acme", "acme", "127.0.0.1"),
            12));
    // The portal's name, then nothing where the row count belongs.
    client.writeInbound(Wire.finish(Wire.begin(ALLOC, FrontendType.EXECUTE).writeByte(0)));
    assertThat((Object) server.readOutbound()).isNull();
    ByteBuf error = client.readOutbound();
    assertThat(ErrorResponse.decode(error).fields()).containsEntry('C', "08P01");
    assertThat(ErrorResponse.decode(error).message())
        .isEqualTo("invalid message format: insufficient data left in message");
    error.release();
    assertClosedAfterFlush();
  }

  /** The client was closed once the empty write that flushes what came before was written. */
  private void assertClosedAfterFlush() {
    ByteBuf flushed = client.readOutbound();
    assertThat(flushed.readableBytes()).isZero();
    flushed.release();
    assertThat(client.isOpen()).isFalse();
  }

  private static ByteBuf functionCall() {
    // set_config's OID, one text argument format, three arguments, text result.
    ByteBuf out = Wire.begin(ALLOC, 'F').writeInt(2078).writeShort(0).writeShort(0);
    return Wire.finish(out.writeShort(0));
  }

  /** The type bytes of every frame written to the server, however the writes cut them. */
  private List<Character> toServer() {
    List<Character> seen = new ArrayList<>();
    for (ByteBuf written; (written = server.readOutbound()) != null; ) {
      while (written.isReadable()) {
        seen.add((char) written.getByte(written.readerIndex()));
        written.skipBytes(1 + written.getInt(written.readerIndex() + 1));
      }
      written.release();
    }
    return seen;
  }

  /** {@code frames} as one read brings them. */
  private static ByteBuf oneRead(ByteBuf... frames) {
    ByteBuf read = ALLOC.buffer();
    for (ByteBuf frame : frames) {
      read.writeBytes(frame);
      frame.release();
    }
    return read;
  }

  private static ByteBuf parse(String sql) {
    ByteBuf out = Wire.begin(ALLOC, 'P');
    Wire.writeCString(out, "");
    Wire.writeCString(out, sql);
    out.writeShort(0);
    return Wire.finish(out);
  }

  private static ByteBuf bind() {
    ByteBuf out = Wire.begin(ALLOC, 'B');
    out.writeBytes("\0\0".getBytes(StandardCharsets.US_ASCII));
    out.writeShort(0).writeShort(0).writeShort(0);
    return Wire.finish(out);
  }
}
