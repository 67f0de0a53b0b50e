/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.routing.RoutingException;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.pool.PoolKey;
import dev.tdb.proxy.internal.pool.ServerConnection;
import dev.tdb.proxy.internal.pool.ServerPool;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After authentication: resolves the logical database for the account, applies status and the
 * policy to the startup parameters ({@link StartupParameters}), and asks the pool for a server
 * connection within {@code max_connections}: an idle one of the client's event loop, or a new one
 * it opens on that loop, or it waits in the pool's queue.
 */
final class Connecting implements ClientSession.Phase {
  private static final Logger LOG = LoggerFactory.getLogger(Connecting.class);

  private final ClientSession session;
  private final StartupMessage startup;
  private final String user;
  private final String database;
  // Confined to the client's event loop: no volatile.
  private long giveUpNanos;

  Connecting(ClientSession session, StartupMessage startup, String user, String database) {
    this.session = session;
    this.startup = startup;
    this.user = user;
    this.database = database;
  }

  void start() {
    session.await(
        session.services().routing().resolveOnBehalfOf(user, database),
        this::route,
        this::routingFailed);
  }

  private void routingFailed(Throwable failure) {
    if (!(failure instanceof RoutingException refused)) {
      LOG.warn("routing lookup failed", failure);
      session.fatal(ProxyErrors.adminUnreachable());
      return;
    }
    switch (refused.reason()) {
      case UNKNOWN_DATABASE -> session.fatal(ProxyErrors.unknownDatabase(database, refused.hint()));
      case ADMIN_UNREACHABLE ->
          session.fatal(
              ProxyErrors.notRoutedRecently(
                  database, session.services().config().adminCache().maxStaleness()));
      default -> {
        // The proxy's API key was refused or the answer was unusable: the operator's problem.
        LOG.warn("routing lookup failed: {}", refused.getMessage());
        session.fatal(ProxyErrors.notRoutedForTheProxy(database));
      }
    }
  }

  @Override
  public void handle(ByteBuf frame) {
    throw new ProtocolException("message before the session was ready");
  }

  private void route(RoutingEntry entry) {
    switch (entry.status()) {
      case SUSPENDED:
        session.fatal(ProxyErrors.suspended(database));
        return;
      case DELETED:
        session.fatal(ProxyErrors.deleted(database));
        return;
      default:
        break;
    }
    Policy policy = Policy.of(entry.connectionMode(), entry.workspace(), entry.settings());
    StartupParameters.Judged parameters = StartupParameters.judge(startup, policy);
    if (parameters.refusal() != null) {
      Decision.Reject refusal = parameters.refusal();
      session.fatal(refusal);
      return;
    }
    Runnable closed =
        session.services().metrics().clientOpened(entry.workspace(), ProxyMetrics.tenantTag(entry));
    Channel client = session.ctx().channel();
    client.closeFuture().addListener(f -> closed.run());
    PoolKey key =
        new PoolKey(
            entry.logicalName(),
            entry.host(),
            entry.port(),
            entry.database(),
            entry.role(),
            entry.sslMode(),
            parameters.settings(),
            entry.settings());
    session.pause();
    giveUpNanos = System.nanoTime() + session.services().config().pool().queueTimeout().toNanos();
    acquire(key, new Claim(entry, policy, parameters.settings()));
  }

  private void acquire(PoolKey key, Claim claim) {
    Channel client = session.ctx().channel();
    ServerPool.Request request =
        session
            .services()
            .pool()
            .acquire(key, claim.entry.settings().maxConnections(), client.eventLoop(), claim);
    client.closeFuture().addListener(f -> request.cancel());
  }

  /**
   * Tries again shortly when the server refused a new connection as one too many, until the queue
   * timeout: a backend the pool closed to make room may still be exiting.
   */
  private boolean retryWhenFull(PoolKey key, Claim claim) {
    return FullServerRetry.schedule(
        session, giveUpNanos, () -> session.ctx().channel().isActive(), () -> acquire(key, claim));
  }

  /** The error of a client that waited for a server connection of {@code entry} in vain. */
  static Decision.Reject poolFull(RoutingEntry entry, ServerPool.Shortage shortage) {
    return shortage.cluster()
        ? ProxyErrors.clusterPoolFull(entry.logicalName(), shortage.limit(), shortage.waited())
        : ProxyErrors.tenantPoolFull(
            entry.logicalName(), entry.workspace(), shortage.limit(), shortage.waited());
  }

  /** What the client does with the pool's answer, on its event loop. */
  private final class Claim implements ServerPool.Claim {
    private final RoutingEntry entry;
    private final Policy policy;
    private final Map<String, String> settings;

    Claim(RoutingEntry entry, Policy policy, Map<String, String> settings) {
      this.entry = entry;
      this.policy = policy;
      this.settings = settings;
    }

    @Override
    public boolean gone() {
      return !session.ctx().channel().isActive();
    }

    @Override
    public void reuse(ServerConnection connection) {
      SessionStart.reusing(session, entry, policy, user, connection);
    }

    @Override
    public void open(ServerConnection slot) {
      connect(entry, policy, settings, slot, () -> retryWhenFull(slot.key(), this));
    }

    @Override
    public void timedOut(ServerPool.Shortage shortage) {
      session.fatal(poolFull(entry, shortage));
    }
  }

  private void connect(
      RoutingEntry entry,
      Policy policy,
      Map<String, String> settings,
      ServerConnection slot,
      BooleanSupplier retryWhenFull) {
    Channel client = session.ctx().channel();
    BackendStartup backend =
        new BackendStartup(
            session, entry, settings, slot, retryWhenFull, new FirstStartup(entry, policy));
    ChannelFuture connecting = ServerOpening.open(session, entry, slot, backend, session::fatal);
    connecting.addListener(
        (ChannelFutureListener)
            connected -> {
              if (!connected.isSuccess()) {
                session.fatal(ProxyErrors.serverUnreachable(database));
              }
            });
    // A client that leaves during the server's startup takes it along: half started, it is no
    // use to the pool. Once the relay runs, the relay decides.
    client
        .closeFuture()
        .addListener(
            f -> {
              if (connecting.channel().pipeline().get(BackendStartup.class) != null) {
                connecting.channel().close();
              }
            });
  }

  /** The client's own startup: what the server reports reaches the client, then the relay runs. */
  private final class FirstStartup implements BackendStartup.Outcome {
    private final RoutingEntry entry;
    private final Policy policy;

    FirstStartup(RoutingEntry entry, Policy policy) {
      this.entry = entry;
      this.policy = policy;
    }

    @Override
    public void reported(ByteBuf frame) {
      session.ctx().channel().write(frame.retain());
    }

    @Override
    public void ready(ServerConnection server, ByteBuf readyForQuery) {
      SessionStart.start(session, entry, policy, user, server, readyForQuery.retain());
    }

    @Override
    public void refused(ByteBuf error) {
      Channel client = session.ctx().channel();
      client.writeAndFlush(error.retain()).addListener(f -> client.close());
    }

    @Override
    public void fatal(Decision.Reject error) {
      session.fatal(error);
    }
  }
}
