/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.pool;

import dev.tdb.core.settings.PoolMode;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.internal.metrics.PoolGauges;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The proxy's server connections, pooled by {@link PoolKey} and shared by client sessions in turn.
 * Each logical database has at most its {@code max_connections} server connections (idle ones
 * included), each cluster at most {@link ProxyConfig.Pool#clusterMaxServerConnections}. A channel
 * cannot move between event loops, so a session-mode client reuses an idle connection of its own
 * event loop; when a budget is full and an idle connection sits on another loop, that one is closed
 * to make room. A transaction-mode client takes one of any loop (its relay hands the server's reads
 * over to its own). Clients that find no room wait in one FIFO queue up to {@link
 * ProxyConfig.Pool#queueTimeout}. Thread-safe: the bookkeeping is guarded by this object's lock,
 * held only for map updates (never for I/O), and every grant runs on the client's event loop.
 */
public final class ServerPool implements PoolGauges {
  /** What the proxy does with the outcome of {@link #acquire}; each method runs on its loop. */
  public interface Claim {
    /** Whether the client is gone, so that a grant goes back to the pool. */
    boolean gone();

    /** Takes an idle server connection of the key, reset. */
    void reuse(ServerConnection connection);

    /** Opens a new server connection in {@code slot} (see {@link ServerConnection#opening}). */
    void open(ServerConnection slot);

    /** Gives up: nothing became free within the queue timeout; {@code shortage} says what. */
    void timedOut(Shortage shortage);
  }

  /** The budget that was full when a waiting client gave up. */
  public record Shortage(boolean cluster, int limit, Duration waited) {}

  /** A client waiting in the queue; {@link #cancel} takes it out. */
  public final class Request {
    private final PoolKey key;
    private final int tenantMax;
    private final EventLoop loop;
    private final Claim claim;
    private final long since = System.nanoTime();
    private ScheduledFuture<?> timeout;

    private Request(PoolKey key, int tenantMax, EventLoop loop, Claim claim) {
      this.key = key;
      this.tenantMax = tenantMax;
      this.loop = loop;
      this.claim = claim;
    }

    /** Leaves the queue (the client left); nothing happens if it was served already. */
    public void cancel() {
      synchronized (ServerPool.this) {
        waiting.remove(this);
      }
      if (timeout != null) {
        timeout.cancel(false);
      }
    }
  }

  private final ProxyConfig.Pool config;
  private final Consumer<Duration> waited;
  // Guarded by this.
  private final Map<PoolKey, ArrayDeque<ServerConnection>> idle = new HashMap<>();
  private final Map<String, Integer> perTenant = new HashMap<>();
  private final Map<String, Integer> perCluster = new HashMap<>();
  private final ArrayDeque<Request> waiting = new ArrayDeque<>();
  private int total;
  private int idleCount;

  /** A pool with {@code config}'s bounds, reporting each client's wait to {@code waited}. */
  public ServerPool(ProxyConfig.Pool config, Consumer<Duration> waited) {
    this.config = config;
    this.waited = waited;
  }

  /**
   * Asks for a server connection of {@code key} for a client on {@code loop}; {@code tenantMax} is
   * the logical database's {@code max_connections}. The claim hears the outcome on {@code loop}.
   */
  public Request acquire(PoolKey key, int tenantMax, EventLoop loop, Claim claim) {
    Request request = new Request(key, tenantMax, loop, claim);
    ServerConnection victim = null;
    ServerConnection granted;
    boolean reused;
    synchronized (this) {
      granted = takeIdle(key, loop);
      reused = granted != null;
      if (granted == null && fits(key, tenantMax, null)) {
        granted = newSlot(key, loop);
      }
      if (granted == null) {
        waiting.add(request);
        victim = idleVictim(key, tenantMax);
      }
    }
    if (granted != null) {
      grant(request, granted, reused);
      return request;
    }
    request.timeout =
        loop.schedule(
            () -> timedOut(request), config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS);
    if (victim != null) {
      victim.channel().close();
    }
    return request;
  }

  /** A reset connection comes back: to the first waiter that can use it, else idle. */
  void release(ServerConnection connection) {
    Request served = null;
    boolean close = false;
    synchronized (this) {
      if (connection.released) {
        return;
      }
      for (Iterator<Request> it = waiting.iterator(); it.hasNext() && served == null && !close; ) {
        Request request = it.next();
        if (request.key.equals(connection.key()) && servesLoop(connection, request.loop)) {
          it.remove();
          served = request;
        } else if (fits(request.key, request.tenantMax, connection)) {
          close = true;
        }
      }
      if (served == null && !close) {
        connection.idleSinceNanos = System.nanoTime();
        idle.computeIfAbsent(connection.key(), k -> new ArrayDeque<>()).addLast(connection);
        idleCount++;
      }
    }
    if (served != null) {
      grant(served, connection, true);
    } else if (close) {
      // Its slot goes to a waiter of another key or loop once it is closed (see closed).
      connection.channel().close();
    }
  }

  /** A connection's channel closed, or its opening was given up: its slot is free. */
  void closed(ServerConnection connection) {
    List<Request> served = new ArrayList<>();
    List<ServerConnection> slots = new ArrayList<>();
    synchronized (this) {
      if (connection.released) {
        return;
      }
      connection.released = true;
      ArrayDeque<ServerConnection> keyed = idle.get(connection.key());
      if (keyed != null && keyed.remove(connection)) {
        idleCount--;
      }
      total--;
      perTenant.merge(connection.key().logicalName(), -1, Integer::sum);
      perCluster.merge(connection.key().cluster(), -1, Integer::sum);
      for (Iterator<Request> it = waiting.iterator(); it.hasNext(); ) {
        Request request = it.next();
        if (fits(request.key, request.tenantMax, null)) {
          it.remove();
          served.add(request);
          slots.add(newSlot(request.key, request.loop));
        }
      }
    }
    for (int i = 0; i < served.size(); i++) {
      grant(served.get(i), slots.get(i), false);
    }
  }

  /** Closes the connections idle for longer than {@link ProxyConfig.Pool#idleTimeout}. */
  public void closeIdle() {
    long now = System.nanoTime();
    List<ServerConnection> expired = new ArrayList<>();
    synchronized (this) {
      for (ArrayDeque<ServerConnection> keyed : idle.values()) {
        for (Iterator<ServerConnection> it = keyed.iterator(); it.hasNext(); ) {
          ServerConnection connection = it.next();
          if (now - connection.idleSinceNanos >= config.idleTimeout().toNanos()) {
            it.remove();
            idleCount--;
            expired.add(connection);
          }
        }
      }
    }
    expired.forEach(connection -> connection.channel().close());
  }

  /** Server connections held by clients (or being opened or reset). */
  @Override
  public synchronized int active() {
    return total - idleCount;
  }

  /** Server connections idle in the pool. */
  @Override
  public synchronized int idle() {
    return idleCount;
  }

  /** Clients waiting for a server connection. */
  @Override
  public synchronized int waiting() {
    return waiting.size();
  }

  private void grant(Request request, ServerConnection connection, boolean reused) {
    if (request.timeout != null) {
      request.timeout.cancel(false);
    }
    Runnable run =
        () -> {
          if (request.claim.gone()) {
            if (reused) {
              release(connection);
            } else {
              connection.abandon();
            }
            return;
          }
          waited.accept(Duration.ofNanos(System.nanoTime() - request.since));
          if (reused) {
            request.claim.reuse(connection);
          } else {
            request.claim.open(connection);
          }
        };
    if (request.loop.inEventLoop()) {
      run.run();
    } else {
      request.loop.execute(run);
    }
  }

  private void timedOut(Request request) {
    Shortage shortage;
    synchronized (this) {
      if (!waiting.remove(request)) {
        return;
      }
      boolean tenantFull =
          perTenant.getOrDefault(request.key.logicalName(), 0) >= request.tenantMax;
      shortage =
          new Shortage(
              !tenantFull,
              tenantFull ? request.tenantMax : config.clusterMaxServerConnections(),
              Duration.ofNanos(System.nanoTime() - request.since));
    }
    request.claim.timedOut(shortage);
  }

  private ServerConnection takeIdle(PoolKey key, EventLoop loop) {
    ArrayDeque<ServerConnection> keyed = idle.get(key);
    if (keyed == null) {
      return null;
    }
    // One of the client's own loop first: a transaction-mode client can use any, but then each
    // server read crosses to its loop through a task queue.
    ServerConnection own = takeIdle(keyed, loop, true);
    return own != null ? own : takeIdle(keyed, loop, false);
  }

  private ServerConnection takeIdle(
      ArrayDeque<ServerConnection> keyed, EventLoop loop, boolean sameLoopOnly) {
    // The most recently used first, so that the others reach the idle timeout.
    for (Iterator<ServerConnection> it = keyed.descendingIterator(); it.hasNext(); ) {
      ServerConnection connection = it.next();
      boolean fits = sameLoopOnly ? connection.loop() == loop : servesLoop(connection, loop);
      if (fits && connection.channel().isActive()) {
        it.remove();
        idleCount--;
        return connection;
      }
    }
    return null;
  }

  /**
   * Whether {@code connection} can serve a client on {@code loop}: one of its own loop, or any in
   * transaction mode, whose relay hands the server's reads to the client's loop (docs/proxy.md).
   */
  private static boolean servesLoop(ServerConnection connection, EventLoop loop) {
    return connection.loop() == loop
        || connection.key().workspaceSettings().poolMode() == PoolMode.TRANSACTION;
  }

  /** Whether a new connection of {@code key} fits both budgets once {@code freed} is closed. */
  private boolean fits(PoolKey key, int tenantMax, ServerConnection freed) {
    int tenant = perTenant.getOrDefault(key.logicalName(), 0);
    int cluster = perCluster.getOrDefault(key.cluster(), 0);
    if (freed != null) {
      tenant -= freed.key().logicalName().equals(key.logicalName()) ? 1 : 0;
      cluster -= freed.key().cluster().equals(key.cluster()) ? 1 : 0;
    }
    return tenant < tenantMax && cluster < config.clusterMaxServerConnections();
  }

  private ServerConnection newSlot(PoolKey key, EventLoop loop) {
    total++;
    perTenant.merge(key.logicalName(), 1, Integer::sum);
    perCluster.merge(key.cluster(), 1, Integer::sum);
    return new ServerConnection(this, key, loop, config.preparedStatementCacheSize());
  }

  /**
   * The idle connection whose closing makes room for {@code key}: the longest idle one of the same
   * logical database, or when the cluster is the full budget, of the same cluster; null if none.
   */
  private ServerConnection idleVictim(PoolKey key, int tenantMax) {
    boolean tenantFull = perTenant.getOrDefault(key.logicalName(), 0) >= tenantMax;
    ServerConnection oldest = null;
    for (ArrayDeque<ServerConnection> keyed : idle.values()) {
      for (ServerConnection connection : keyed) {
        boolean helps =
            tenantFull
                ? connection.key().logicalName().equals(key.logicalName())
                : connection.key().cluster().equals(key.cluster());
        if (helps && (oldest == null || connection.idleSinceNanos < oldest.idleSinceNanos)) {
          oldest = connection;
        }
      }
    }
    if (oldest != null) {
      idle.get(oldest.key()).remove(oldest);
      idleCount--;
    }
    return oldest;
  }
}
