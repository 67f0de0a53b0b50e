/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Policy;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.PoolMode;
import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.metrics.StatementMeter;
import dev.tdb.proxy.internal.pool.ServerConnection;
import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.querylog.SessionStatements;
import dev.tdb.proxy.internal.relay.BackendRelay;
import dev.tdb.proxy.internal.relay.FrontendRelay;
import dev.tdb.proxy.internal.relay.RelaySession;
import dev.tdb.proxy.internal.relay.TextReading;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The end of a client's startup, with a server connection in hand, new or from the pool: the client
 * gets BackendKeyData with the backend's process id and the proxy's own secret ({@link
 * CancelRegistry}) and ReadyForQuery, and the relay starts. A connection from the pool first shows
 * the client the ParameterStatus values the server reported on it, which after its reset are those
 * a new session with the same startup parameters has. In transaction mode the connection goes back
 * to the pool at once: the client holds one only for each transaction ({@link PooledServers}).
 */
final class SessionStart {
  /** The name of the handler that owns the server channel's frames, in every state. */
  static final String SERVER_HANDLER = RelaySession.SERVER_HANDLER;

  private SessionStart() {}

  /** Starts the relay on a reset connection from the pool. */
  static void reusing(
      ClientSession session,
      RoutingEntry entry,
      Policy policy,
      String account,
      ServerConnection server) {
    Channel client = session.ctx().channel();
    // In transaction mode the connection may carry another client's settings until it is given.
    boolean transactionMode = entry.settings().poolMode() == PoolMode.TRANSACTION;
    for (ParameterStatus status :
        transactionMode ? server.startupParameters() : server.parameters()) {
      client.write(status.encode(client.alloc()));
    }
    start(
        session,
        entry,
        policy,
        account,
        server,
        new ReadyForQuery(ReadyForQuery.IDLE).encode(client.alloc()));
  }

  /** Starts the relay on {@code server}, after the client got {@code ready} (ReadyForQuery). */
  static void start(
      ClientSession session,
      RoutingEntry entry,
      Policy policy,
      String account,
      ServerConnection server,
      ByteBuf ready) {
    ProxyServices services = session.services();
    Channel client = session.ctx().channel();
    Channel channel = server.channel();
    InetSocketAddress address = new InetSocketAddress(entry.host(), entry.port());
    boolean transactionMode = entry.settings().poolMode() == PoolMode.TRANSACTION;
    RelaySession relay =
        new RelaySession(
            client,
            transactionMode ? null : channel,
            policy,
            services.classifier(),
            entry.settings(),
            entry.workspace(),
            transactionMode ? TextReading.of(server.startupParameters()) : server.reading(),
            backend -> Cancels.send(client, address, backend),
            new StatementMeter(
                services.metrics().workspace(entry.workspace()), services.metrics()));
    BackendKeyData clientKey =
        transactionMode
            ? services.cancels().register(server.backendKey().processId(), relay::cancelFromClient)
            : services.cancels().register(address, server.backendKey());
    client.closeFuture().addListener(f -> services.cancels().unregister(clientKey));
    client.write(clientKey.encode(client.alloc()));
    client.writeAndFlush(ready);
    if (services.queryLog().isPresent() || services.statistics().isPresent()) {
      relay.logTo(
          new SessionStatements(
              services.queryLog().orElse(null),
              entry.settings(),
              services.statistics().map(stats -> stats.on(client.eventLoop())).orElse(null),
              origin(entry, account, client),
              services.config().queryLog().sqlLength()));
    }
    // The relay takes each read's frames in one buffer and passes them on in one write.
    ((Framing.TypedFrames) channel.pipeline().get(Framing.NAME)).batched();
    ((Framing.TypedFrames) client.pipeline().get(Framing.NAME)).batched();
    if (transactionMode) {
      // The startup's connection served only to show the client its key's parameters.
      relay.transactionsFrom(new PooledServers(session, entry, server.key()));
      server.giveBack();
    } else {
      relay.leaseFrom(server);
      channel.pipeline().replace(SERVER_HANDLER, SERVER_HANDLER, new BackendRelay(relay));
    }
    client.pipeline().replace(ClientSession.class, "relay", new FrontendRelay(relay));
    relay.start();
  }

  private static SessionStatements.Origin origin(
      RoutingEntry entry, String account, Channel client) {
    String name = entry.logicalName();
    String tenant = ProxyMetrics.tenantTag(entry);
    String address =
        client.remoteAddress() instanceof InetSocketAddress socket
            ? socket.getAddress().getHostAddress()
            : String.valueOf(client.remoteAddress());
    return new SessionStatements.Origin(account, name, tenant.isEmpty() ? null : tenant, address);
  }
}
