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
import dev.tdb.proxy.internal.metrics.TestMetrics;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transaction mode: a server connection held from the client's first message to ReadyForQuery I.
 */
final class TransactionServerTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private final EmbeddedChannel client = new EmbeddedChannel();
  private final EmbeddedChannel server = new EmbeddedChannel();
  private final List<Consumer<ServerLease>> asked = new ArrayList<>();
  private final Lease lease = new Lease();
  private RelaySession relay;

  @BeforeEach
  void relay() {
    server.pipeline().addLast(RelaySession.SERVER_HANDLER, new ChannelInboundHandlerAdapter());
    WorkspaceSettings settings =
        WorkspaceSettings.fromMap(Map.of("pool_mode", "transaction", "query_timeout_ms", 0));
    relay =
        new RelaySession(
            client,
            null,
            Policy.of(ConnectionMode.TENANT, "app_workspace", settings),
            SqlClassifier.create(),
            settings,
            "app_workspace",
            TextReading.DEFAULT,
            backend -> ImmediateEventExecutor.INSTANCE.newSucceededFuture(null),
            TestMetrics.meter(TestMetrics.create(), "app_workspace"));
    relay.transactionsFrom((granted, refused) -> asked.add(granted));
    client.pipeline().addLast(new FrontendRelay(relay));
    relay.start();
  }

  @AfterEach
  void finish() {
    assertThat(server.finish()).isFalse();
    assertThat(client.finish()).isFalse();
  }

  @Test
  void buffersOfOneReadWaitTogetherForOneConnectionAndGoInOrder() {
    client.writeInbound(new Query("SELECT 1").encode(ALLOC), new Query("SELECT 2").encode(ALLOC));
    assertThat(asked).hasSize(1);
    assertThat((Object) server.readOutbound()).isNull();

    asked.get(0).accept(lease);

    assertThat(toServer()).containsExactly("SELECT 1", "SELECT 2");
    server.writeInbound(complete(), ready('I'));
    assertThat(lease.given).as("still owed one ReadyForQuery").isZero();
    server.writeInbound(complete(), ready('I'));
    assertThat(lease.given).isEqualTo(1);
    assertThat(toClient()).containsExactly('C', 'Z', 'C', 'Z');
  }

  @Test
  void aTransactionBlockKeepsTheConnectionUntilItEnds() {
    client.writeInbound(new Query("BEGIN").encode(ALLOC));
    asked.get(0).accept(lease);
    toServer();
    server.writeInbound(complete(), ready('T'));
    client.writeInbound(new Query("SELECT 1").encode(ALLOC));
    assertThat(asked).as("held: no new request").hasSize(1);
    toServer();
    server.writeInbound(complete(), ready('T'));
    client.writeInbound(new Query("COMMIT").encode(ALLOC));
    toServer();
    server.writeInbound(complete(), ready('I'));
    assertThat(lease.given).isEqualTo(1);
    toClient();

    client.writeInbound(new Query("SELECT 2").encode(ALLOC));
    assertThat(asked).as("the next transaction asks again").hasSize(2);
  }

  private List<String> toServer() {
    List<String> seen = new ArrayList<>();
    for (ByteBuf frames; (frames = server.readOutbound()) != null; ) {
      for (int at = frames.readerIndex(); at < frames.writerIndex(); ) {
        int next = at + 1 + frames.getInt(at + 1);
        seen.add(Query.decode(frames.slice(at, next - at)).sql());
        at = next;
      }
      frames.release();
    }
    return seen;
  }

  private List<Character> toClient() {
    List<Character> seen = new ArrayList<>();
    for (ByteBuf frames; (frames = client.readOutbound()) != null; ) {
      for (int at = frames.readerIndex(); at < frames.writerIndex(); ) {
        seen.add((char) frames.getByte(at));
        at += 1 + frames.getInt(at + 1);
      }
      frames.release();
    }
    return seen;
  }

  private static ByteBuf complete() {
    ByteBuf out = Wire.begin(ALLOC, 'C');
    Wire.writeCString(out, "SELECT 1");
    return Wire.finish(out);
  }

  private static ByteBuf ready(char status) {
    return new ReadyForQuery(status).encode(ALLOC);
  }

  /** The pool's side, counting give-backs. */
  private final class Lease implements ServerLease {
    private final ServerStatements statements = new ServerStatements(10);
    int given;

    @Override
    public Channel channel() {
      return server;
    }

    @Override
    public BackendKeyData backendKey() {
      return new BackendKeyData(1, 2);
    }

    @Override
    public Map<String, String> settings() {
      return Map.of();
    }

    @Override
    public void settings(Map<String, String> applied) {}

    @Override
    public ServerStatements statements() {
      return statements;
    }

    @Override
    public void reported(ParameterStatus status) {}

    @Override
    public void handBack(char transactionStatus) {
      given++;
    }

    @Override
    public void giveBack() {
      given++;
    }
  }
}
