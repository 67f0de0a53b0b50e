/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.pool.PoolKey;
import dev.tdb.proxy.internal.pool.ServerConnection;
import dev.tdb.proxy.internal.pool.ServerPool;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.relay.ServerLease;
import dev.tdb.proxy.internal.relay.ServerSource;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A transaction-mode client's server connections: one of its pool key per transaction, idle in the
 * pool (on any event loop) or opened anew, waiting in the pool's FIFO queue with the same timeout
 * and {@code 53300} as at startup. A connection opened here shows the client nothing of its
 * startup: the client saw the parameters of its key when it connected.
 */
final class PooledServers implements ServerSource {

  private final ClientSession session;
  private final RoutingEntry entry;
  private final PoolKey key;
  private final Map<String, String> settings;
  // Confined to the client's event loop: no volatile.
  private ServerPool.Request pending;

  PooledServers(ClientSession session, RoutingEntry entry, PoolKey key) {
    this.session = session;
    this.entry = entry;
    this.key = key;
    this.settings = key.settings();
    session
        .ctx()
        .channel()
        .closeFuture()
        .addListener(
            f -> {
              if (pending != null) {
                pending.cancel();
              }
            });
  }

  @Override
  public void acquire(Consumer<ServerLease> granted, Consumer<Decision.Reject> refused) {
    long giveUpNanos =
        System.nanoTime() + session.services().config().pool().queueTimeout().toNanos();
    acquire(new Claim(granted, refused, giveUpNanos));
  }

  private void acquire(Claim claim) {
    Channel client = session.ctx().channel();
    pending =
        session
            .services()
            .pool()
            .acquire(key, entry.settings().maxConnections(), client.eventLoop(), claim);
  }

  /** What the client does with the pool's answer, on its event loop. */
  private final class Claim implements ServerPool.Claim, BackendStartup.Outcome {
    private final Consumer<ServerLease> granted;
    private final Consumer<Decision.Reject> refused;

    private final long giveUpNanos;

    Claim(Consumer<ServerLease> granted, Consumer<Decision.Reject> refused, long giveUpNanos) {
      this.granted = granted;
      this.refused = refused;
      this.giveUpNanos = giveUpNanos;
    }

    /**
     * Asks the pool again shortly when the server refused a new connection as one too many, until
     * the queue timeout: a backend the pool closed to make room (after a cancel) may still be
     * exiting. True when another attempt was scheduled.
     */
    private boolean retryWhenFull() {
      return FullServerRetry.schedule(
          session,
          giveUpNanos,
          () -> !gone(),
          () -> acquire(new Claim(granted, refused, giveUpNanos)));
    }

    @Override
    public boolean gone() {
      return !session.ctx().channel().isActive();
    }

    @Override
    public void reuse(ServerConnection connection) {
      pending = null;
      granted.accept(connection);
    }

    @Override
    public void open(ServerConnection slot) {
      pending = null;
      BackendStartup backend =
          new BackendStartup(session, entry, settings, slot, this::retryWhenFull, this);
      ServerOpening.open(session, entry, slot, backend, this::fatal)
          .addListener(
              (ChannelFutureListener)
                  connected -> {
                    if (!connected.isSuccess()) {
                      refused.accept(ProxyErrors.serverUnreachable(entry.logicalName()));
                    }
                  });
    }

    @Override
    public void timedOut(ServerPool.Shortage shortage) {
      pending = null;
      refused.accept(Connecting.poolFull(entry, shortage));
    }

    @Override
    public void reported(ByteBuf frame) {
      // The client was shown its key's parameters when it connected.
    }

    @Override
    public void ready(ServerConnection server, ByteBuf readyForQuery) {
      ((Framing.TypedFrames) server.channel().pipeline().get(Framing.NAME)).batched();
      if (gone()) {
        server.giveBack();
      } else {
        granted.accept(server);
      }
    }

    @Override
    public void refused(ByteBuf error) {
      refused.accept(ProxyErrors.serverConnectionFailed(ErrorResponse.decode(error).message()));
    }

    @Override
    public void fatal(Decision.Reject error) {
      refused.accept(error);
    }
  }
}
