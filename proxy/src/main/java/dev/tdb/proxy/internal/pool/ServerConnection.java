/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.pool;

import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.relay.ServerLease;
import dev.tdb.proxy.internal.relay.ServerStatements;
import dev.tdb.proxy.internal.relay.TextReading;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection to a PostgreSQL server, counted against its {@link PoolKey}'s budgets from the
 * moment the pool grants the slot until its channel closes (or its opening is given up). It is held
 * by one client session at a time (for its session, or in transaction mode for one transaction), or
 * idle in the pool. Its state is confined to the event loop of its channel, except what {@link
 * ServerPool} guards; a transaction-mode client on another loop gives it back through {@link
 * #giveBack} or {@link #handBack}, which run there.
 */
public final class ServerConnection implements ServerLease {
  private final ServerPool pool;
  private final PoolKey key;
  private final EventLoop loop;
  // Confined to the channel's event loop: no volatile.
  private Channel channel;
  private BackendKeyData backendKey;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private List<ParameterStatus> startupParameters = List.of();
  private Map<String, String> settings = Map.of();
  private final ServerStatements statements;

  /** Guarded by the pool's lock. */
  long idleSinceNanos;

  /** Guarded by the pool's lock: released once. */
  boolean released;

  ServerConnection(ServerPool pool, PoolKey key, EventLoop loop, int preparedStatements) {
    this.statements = new ServerStatements(preparedStatements);
    this.pool = pool;
    this.key = key;
    this.loop = loop;
  }

  /** The key it was opened for. */
  public PoolKey key() {
    return key;
  }

  /** The event loop its channel runs on. */
  public EventLoop loop() {
    return loop;
  }

  /**
   * Ties the slot to {@code opened}, the channel being connected: the slot goes back to the pool
   * when it closes.
   */
  public void opening(Channel opened) {
    this.channel = opened;
    opened.closeFuture().addListener(f -> pool.closed(this));
  }

  /** Gives the slot back without a channel: the connection could not be opened. */
  public void abandon() {
    pool.closed(this);
  }

  /** The server finished the startup: its key and the parameters it reported. */
  public void established(BackendKeyData key, List<ParameterStatus> reported) {
    this.backendKey = key;
    this.startupParameters = List.copyOf(reported);
    reported.forEach(this::reported);
  }

  /** The parameters the server reported at its startup: those of any new session of the key. */
  public List<ParameterStatus> startupParameters() {
    return startupParameters;
  }

  @Override
  public ServerStatements statements() {
    return statements;
  }

  @Override
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public void settings(Map<String, String> applied) {
    settings = Map.copyOf(applied);
  }

  /** Follows a ParameterStatus the server sent. */
  @Override
  public void reported(ParameterStatus status) {
    parameters.put(status.name(), status.value());
  }

  /** The channel; null before {@link #opening}. */
  @Override
  public Channel channel() {
    return channel;
  }

  /** The server's key of the backend session. */
  @Override
  public BackendKeyData backendKey() {
    return backendKey;
  }

  /** The parameters the server reported, with their current values, in the order first reported. */
  public List<ParameterStatus> parameters() {
    return parameters.entrySet().stream()
        .map(e -> new ParameterStatus(e.getKey(), e.getValue()))
        .toList();
  }

  /** How the server reads text on this connection now. */
  public TextReading reading() {
    return TextReading.of(parameters());
  }

  /**
   * The client holding it is gone and the server owes nothing: resets the session ({@link
   * Resetting}) and puts it back in the pool, or closes it when the reset fails. Runs on its loop.
   *
   * @param transactionStatus the status of the last ReadyForQuery
   */
  @Override
  public void handBack(char transactionStatus) {
    // DISCARD ALL resets every setting a client made and drops every prepared statement.
    settings = Map.of();
    statements.clear();
    onLoop(() -> Resetting.start(this, transactionStatus));
  }

  /**
   * Transaction mode: the client's transaction ended and left nothing behind; back to the pool as
   * it is. May be called from the client's event loop.
   */
  @Override
  public void giveBack() {
    onLoop(this::clean);
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  /** The reset succeeded: back to the pool. */
  void clean() {
    channel.pipeline().replace(Resetting.NAME, Resetting.NAME, new IdleServer());
    channel.read();
    pool.release(this);
  }
}
