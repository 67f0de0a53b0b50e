/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.internal.protocol.ErrorResponse;
import dev.tdb.proxy.internal.protocol.Query;
import dev.tdb.proxy.internal.protocol.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.Sync;
import dev.tdb.proxy.internal.protocol.Wire;
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
  private EmbeddedChannel client;
  private EmbeddedChannel server;

  @BeforeEach
  void relay() {
    client = new EmbeddedChannel();
    server = new EmbeddedChannel();
    Policy policy = Policy.of(ConnectionMode.TENANT, "app_workspace", WorkspaceSettings.defaults());
    client
        .pipeline()
        .addLast(
            new FrontendRelay(
                new RelaySession(
                    client,
                    server,
                    policy,
                    SqlClassifier.create(),
                    WorkspaceSettings.fromMap(
                        Map.of("max_rows_per_query", 0, "query_timeout_ms", 0)),
                    "app_workspace",
                    () -> ImmediateEventExecutor.INSTANCE.newSucceededFuture(null))));
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
    assertThat(Wire.type(ready)).isEqualTo(ReadyForQuery.TYPE);
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
    assertThat(Wire.type(ready)).isEqualTo(ReadyForQuery.TYPE);
    ready.release();
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
