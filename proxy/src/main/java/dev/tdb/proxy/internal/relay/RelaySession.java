/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.PoolMode;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.internal.metrics.StatementMeter;
import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.frontend.Terminate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state both relay handlers of one client share: the two channels, the policy ({@link Judge}),
 * and what the server still owes ({@link Owed}). All of it is confined to the client's event loop:
 * in session mode the server channel shares it; in transaction mode it may run on another loop and
 * {@link BackendRelay} hands its reads over, so no field needs volatile.
 */
public final class RelaySession {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);

  /** The portal named in the marker Execute; no client can have opened it (control character). */
  static final String REFUSAL_PORTAL = "tdb\u001frefused";

  final Channel client;
  private final Judge judge;
  private final Owed owed = new Owed();
  private Channel server;

  /** Set once the session is ending with a FATAL of the proxy's: nothing more is relayed. */
  private boolean ended;

  /** Set while the session waits for its cancel before it ends: the server's frames are dropped. */
  private boolean terminating;

  /** {@code max_rows_per_query}; 0 for no limit. */
  final long maxRows;

  /** The workspace whose settings apply, named in the errors they cause. */
  final String workspace;

  /** The CancelRequests sent to the held backend. */
  private final BackendCancel cancels;

  /** Where the server connection goes when the client is done with it; null closes it. */
  private ServerLease lease;

  /** In transaction mode, where the next transaction's server connection comes from. */
  private TransactionServer transactions;

  /**
   * The listener this session puts on the server's close, removed when it hands the server back.
   */
  private final GenericFutureListener<Future<? super Void>> serverClosed = this::serverGone;

  /** Set when the proxy shuts down: the session ends at its next ReadyForQuery. */
  private boolean draining;

  private boolean terminated;

  /** Where statements are logged; {@link StatementLog#OFF} unless {@link #logTo} was called. */
  private StatementLog statements = StatementLog.OFF;

  /** Cancels statements past {@code query_timeout_ms}; times nothing when it is 0. */
  final StatementTimer timer;

  /** Counts and times the session's statements and bytes for the proxy's metrics. */
  final StatementMeter meter;

  /**
   * A relay between {@code client} and {@code server} (null in transaction mode until a transaction
   * starts, see {@link #transactionsFrom}) enforcing {@code policy} and, of {@code settings}, the
   * result size ({@code max_rows_per_query}) and the statement time ({@code query_timeout_ms}, with
   * {@link StatementTimer}'s grace), which {@code cancel} helps end. Text is read as {@code
   * reading} says until the server reports a change. Statements and bytes are recorded in {@code
   * meter}.
   */
  public RelaySession(
      Channel client,
      Channel server,
      Policy policy,
      SqlClassifier classifier,
      WorkspaceSettings settings,
      String workspace,
      TextReading reading,
      Function<BackendKeyData, Future<Void>> cancel,
      StatementMeter meter) {
    this.client = client;
    this.server = server;
    this.judge =
        new Judge(
            policy, classifier, workspace, settings.poolMode() == PoolMode.TRANSACTION, reading);
    this.maxRows = settings.maxRowsPerQuery();
    this.workspace = workspace;
    this.cancels = new BackendCancel(cancel);
    this.meter = meter;
    this.timer =
        new StatementTimer(
            settings.queryTimeoutMs(), workspace, this::cancelBackend, client.eventLoop());
  }

  /** Sends the held backend a CancelRequest; nothing when none is held (transaction mode). */
  Future<Void> cancelBackend() {
    if (transactions != null && server == null) {
      return client.eventLoop().newSucceededFuture(null);
    }
    return cancels.send();
  }

  /**
   * A client's CancelRequest for this session (on any thread): cancels what the held server
   * connection runs, on the client's event loop, and nothing when the server owes nothing.
   */
  public void cancelFromClient() {
    client
        .eventLoop()
        .execute(
            () -> {
              if (server != null && owed.readyForQuery() > 0 && !terminated) {
                cancelBackend();
              }
            });
  }

  /**
   * Runs {@code next} once no cancel of this session is on its way to the server (so the client
   * sends no next statement that a late cancel could hit): at once, or when the server has it.
   */
  void afterCancelDelivered(Runnable next) {
    cancels.afterDelivered(next);
  }

  /** Logs this session's statements to {@code log}; call before {@link #start}. */
  public void logTo(StatementLog log) {
    this.statements = log;
  }

  /** Where this session's statements are logged. */
  StatementLog statements() {
    return statements;
  }

  /** Hands the server connection to {@code target} when the client leaves; call before start. */
  public void leaseFrom(ServerLease target) {
    this.lease = target;
    cancels.target(target.backendKey());
  }

  /**
   * Transaction mode: the session holds no server connection between transactions and takes one
   * from {@code source} for each; call before {@link #start}, with no server given.
   */
  public void transactionsFrom(ServerSource source) {
    this.transactions = new TransactionServer(this, source);
  }

  /** Ties the channels' lifetimes together and starts reading both. */
  public void start() {
    client.closeFuture().addListener(f -> clientClosed());
    if (server != null) {
      server.closeFuture().addListener(serverClosed);
      server.read();
    }
    client.read();
  }

  /** What the server owes and where the conversation stands. */
  Owed owed() {
    return owed;
  }

  /** The server connection's channel; null in transaction mode between transactions. */
  Channel server() {
    return server;
  }

  /** The server connection held, or null. */
  ServerLease lease() {
    return lease;
  }

  /** The transaction-mode side of the session, or null in session mode. */
  TransactionServer transactions() {
    return transactions;
  }

  /** Whether the session is ending with a FATAL of the proxy's. */
  boolean ended() {
    return ended;
  }

  /** Whether the session waits for its cancel before it ends. */
  boolean terminating() {
    return terminating;
  }

  /**
   * Transaction mode: relays to {@code granted}'s connection from now on (null: to none) and
   * returns the lease held before; the connection's frames are the caller's to route.
   */
  ServerLease hold(ServerLease granted) {
    ServerLease before = lease;
    if (server != null) {
      server.closeFuture().removeListener(serverClosed);
    }
    lease = granted;
    server = granted == null ? null : granted.channel();
    if (granted != null) {
      cancels.target(granted.backendKey());
      server.closeFuture().addListener(serverClosed);
    }
    return before;
  }

  /** Whether a cancel was sent to the held backend: one could still hit its next client. */
  boolean cancelSent() {
    return cancels.sent();
  }

  /** The name of the handler that owns a server channel's frames, in every state. */
  public static final String SERVER_HANDLER = "relay";

  /**
   * Ends the session now if the server owes nothing, else once it has answered ({@link
   * Shutdown#DRAIN}).
   */
  void drain() {
    draining = true;
    if (owed.readyForQuery() == 0) {
      terminate();
    }
  }

  /** Takes in a ReadyForQuery the server sent with {@code status}, one fewer owed. */
  void readyForQueryReceived(char status) {
    owed.readyForQueryReceived(status);
    if (transactions != null) {
      transactions.readyForQuery();
    }
    meter.ready();
  }

  /** Called after a ReadyForQuery from the server was passed on to the client. */
  void readyForQuerySent() {
    if (owed.readyForQuery() == 0) {
      timer.idle();
      if (draining) {
        terminate();
      }
    }
  }

  /** Cancels what the server runs and ends the session ({@link Shutdown#NOW}). */
  void terminateNow() {
    terminateNow(Shutdown.TERMINATING);
  }

  /** Cancels what the server runs and ends the session with {@code error}. */
  void terminateNow(ErrorResponse error) {
    if (owed.readyForQuery() > 0 && !terminated) {
      // Closing the socket alone would not stop a running statement: the server reads it only
      // when the statement is done. The session stays open until the server has the cancel, so
      // that the proxy does not stop its event loops first; what the server answers meanwhile
      // (the cancel's own error) is not relayed: the client is told why its session ends.
      terminating = true;
      cancelBackend().addListener(delivered -> terminate(error));
    } else {
      terminate(error);
    }
  }

  private void terminate() {
    terminate(Shutdown.TERMINATING);
  }

  private void terminate(ErrorResponse error) {
    if (terminated || !client.isActive()) {
      return;
    }
    terminated = true;
    if (server != null && transactions == null) {
      server.writeAndFlush(Terminate.INSTANCE.encode(server.alloc()));
    }
    client.writeAndFlush(error.encode(client.alloc())).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * The client is gone. A statement that still runs is cancelled first: the server would notice the
   * closed socket only at its next write, and a statement that writes nothing for a while (a long
   * sort, a lock wait, {@code pg_sleep}) would keep running and holding its locks until then.
   */
  private void clientClosed() {
    if (transactions != null) {
      transactions.clientClosed();
    }
    if (server == null) {
      return;
    }
    if (lease != null && reusable()) {
      server.closeFuture().removeListener(serverClosed);
      timer.stop();
      lease.handBack(owed.transactionStatus());
      return;
    }
    // The server channel may be closed already (the startup closes it with the client); the
    // cancel goes on a connection of its own.
    Channel channel = server;
    if (owed.readyForQuery() > 0 && !terminated) {
      terminated = true;
      cancelBackend().addListener(sent -> endServer(channel));
    } else {
      endServer(channel);
    }
  }

  /** Ends the server session as a client does, with Terminate (the client's was not passed on). */
  static void endServer(Channel channel) {
    if (channel.isActive()) {
      channel
          .writeAndFlush(Terminate.INSTANCE.encode(channel.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The server's connection closed: the client's goes too. */
  private void serverGone(Future<? super Void> closed) {
    client.eventLoop().execute(timer::stop);
    closeAfterFlush(client);
  }

  /**
   * Whether the server connection can serve another client after a reset: it owes nothing, is in no
   * half-sent extended query, the proxy ended nothing, and no cancel of this session can still be
   * on its way to it.
   */
  private boolean reusable() {
    return owed.nothing() && !terminated && !ended && !cancels.sent() && server.isActive();
  }

  /** Whether the session is ending (drained, terminated, or ended by the proxy). */
  boolean ending() {
    return terminated || terminating || ended || draining;
  }

  /** Judges the session's SQL text. */
  Judge judge() {
    return judge;
  }

  /**
   * Follows a ParameterStatus from the server; returns why the session must end (see {@link
   * TextReading#refusal}), or null.
   */
  Decision.Reject follow(ParameterStatus status) {
    if (lease != null) {
      lease.reported(status);
    }
    if (transactions != null) {
      transactions.reported(status.name());
    }
    return judge.follow(status);
  }

  /**
   * Ends the session with the proxy's FATAL {@code reason}: returns the error to write (and log) to
   * the client after whatever it was sent before, logs why, and from now on nothing is relayed. The
   * caller then runs {@link #closeClient}; closing the client cancels what the server still runs
   * and closes the server's connection.
   */
  ByteBuf end(Decision.Reject reason) {
    ended = true;
    meter.proxyError(reason.sqlState());
    LOG.warn(
        "ending a session on a {} database of {}: {} {}",
        judge.mode().name().toLowerCase(Locale.ROOT),
        workspace,
        reason.sqlState(),
        reason.message());
    return ErrorResponse.fatal(reason).encode(client.alloc());
  }

  /** Closes the client's connection once everything written to it is sent. */
  void closeClient() {
    closeAfterFlush(client);
  }

  private static void closeAfterFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
