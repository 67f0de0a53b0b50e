/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StringEscapes;
import dev.tdb.proxy.internal.metrics.StatementMeter;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Terminate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state both relay handlers of one client share: the two channels, the policy, and what the
 * server still owes. Both channels run on the same event loop, so the fields need no volatile.
 */
public final class RelaySession {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);

  /** The portal named in the marker Execute; no client can have opened it (control character). */
  static final String REFUSAL_PORTAL = "tdb\u001frefused";

  final Channel client;
  final Channel server;
  private final Policy policy;
  private final SqlClassifier classifier;
  char transactionStatus = ReadyForQuery.IDLE;

  /** How the server reads the session's text now, as it last reported. */
  private TextReading reading;

  /** Set once the session is ending with a FATAL of the proxy's: nothing more is relayed. */
  boolean ended;

  /** Set while the session waits for its cancel before it ends: the server's frames are dropped. */
  boolean terminating;

  /** ReadyForQuery messages the server still owes (one per Sync or Query sent). */
  int pendingReadyForQuery;

  /**
   * A refusal to show instead of the server's error about the marker Execute ({@link
   * #REFUSAL_PORTAL}) sent for it; the marker's batch starts after ReadyForQuery number {@code
   * afterReady} of the session.
   */
  record Refusal(ErrorResponse error, long afterReady) {}

  /** Refusals whose marker the server has not answered yet, in the order sent. */
  final Deque<Refusal> pendingRefusals = new ArrayDeque<>();

  /** ReadyForQuery messages received from the server in this session. */
  long readyReceived;

  /** {@code max_rows_per_query}; 0 for no limit. */
  final long maxRows;

  /** The workspace whose settings apply, named in the errors they cause. */
  final String workspace;

  /**
   * Sends the server a CancelRequest for this session's backend; the future completes on the
   * session's event loop once it is written.
   */
  final Supplier<Future<Void>> cancelBackend;

  /** Whether the client sent extended-query messages the server has not seen a Sync for. */
  boolean unsynced;

  /** Where the server connection goes when the client leaves; null closes it. */
  private ServerLease lease;

  /** Whether a cancel was sent for this session: one still in flight could hit the next client. */
  private boolean cancelSent;

  /**
   * The last cancel sent, until the server has it: nothing more is read from the server (so the
   * client sends no next statement that a late cancel could hit) until it is delivered.
   */
  private Future<Void> cancelInFlight;

  /**
   * The listeners this session put on the server's close, removed when it hands the server back.
   */
  private final GenericFutureListener<Future<? super Void>> serverClosed = this::serverGone;

  /** Set when the proxy shuts down: the session ends at its next ReadyForQuery. */
  private boolean draining;

  private boolean terminated;

  /** Where statements are logged; {@link StatementLog#OFF} unless {@link #logTo} was called. */
  StatementLog statements = StatementLog.OFF;

  /** Cancels statements past {@code query_timeout_ms}; times nothing when it is 0. */
  final StatementTimer timer;

  /** Counts and times the session's statements and bytes for the proxy's metrics. */
  final StatementMeter meter;

  /**
   * A relay between {@code client} and {@code server} enforcing {@code policy} and, of {@code
   * settings}, the result size ({@code max_rows_per_query}) and the statement time ({@code
   * query_timeout_ms}, with {@link StatementTimer}'s grace), which {@code cancelBackend} helps end.
   * Text is read as {@code reading} says until the server reports a change. Statements and bytes
   * are recorded in {@code meter}.
   */
  public RelaySession(
      Channel client,
      Channel server,
      Policy policy,
      SqlClassifier classifier,
      WorkspaceSettings settings,
      String workspace,
      TextReading reading,
      Supplier<Future<Void>> cancelBackend,
      StatementMeter meter) {
    this.client = client;
    this.server = server;
    this.policy = policy;
    this.classifier = classifier;
    this.maxRows = settings.maxRowsPerQuery();
    this.workspace = workspace;
    this.reading = reading;
    this.cancelBackend =
        () -> {
          cancelSent = true;
          Future<Void> delivered = cancelBackend.get();
          cancelInFlight = delivered;
          return delivered;
        };
    this.meter = meter;
    this.timer =
        new StatementTimer(
            settings.queryTimeoutMs(), workspace, this.cancelBackend::get, server.eventLoop());
  }

  /**
   * Runs {@code next} once no cancel of this session is on its way to the server: at once, or when
   * the server has it.
   */
  void afterCancelDelivered(Runnable next) {
    Future<Void> pending = cancelInFlight;
    if (pending == null || pending.isDone()) {
      cancelInFlight = null;
      next.run();
    } else {
      pending.addListener(delivered -> next.run());
    }
  }

  /** Logs this session's statements to {@code log}; call before {@link #start}. */
  public void logTo(StatementLog log) {
    this.statements = log;
  }

  /** Hands the server connection to {@code target} when the client leaves; call before start. */
  public void leaseFrom(ServerLease target) {
    this.lease = target;
  }

  /** Ties the channels' lifetimes together and starts reading both. */
  public void start() {
    client.closeFuture().addListener(f -> clientClosed());
    server.closeFuture().addListener(serverClosed);
    client.read();
    server.read();
  }

  /**
   * Ends the session now if the server owes nothing, else once it has answered ({@link
   * Shutdown#DRAIN}).
   */
  void drain() {
    draining = true;
    if (pendingReadyForQuery == 0) {
      terminate();
    }
  }

  /** Called after a ReadyForQuery from the server was written to the client. */
  /** Takes in a ReadyForQuery the server sent with {@code status}, one fewer owed. */
  void readyForQueryReceived(char status) {
    transactionStatus = status;
    pendingReadyForQuery--;
    readyReceived++;
    meter.ready();
  }

  /**
   * Remembers {@code refusal} for the marker Execute about to be sent, in a batch the server reads
   * once it has answered everything owed now.
   */
  void refuseOnServer(ErrorResponse refusal) {
    pendingRefusals.add(new Refusal(refusal, readyReceived + pendingReadyForQuery));
  }

  void readyForQuerySent() {
    if (pendingReadyForQuery == 0) {
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
    if (pendingReadyForQuery > 0 && !terminated) {
      // Closing the socket alone would not stop a running statement: the server reads it only
      // when the statement is done. The session stays open until the server has the cancel, so
      // that the proxy does not stop its event loops first; what the server answers meanwhile
      // (the cancel's own error) is not relayed: the client is told why its session ends.
      terminating = true;
      cancelBackend.get().addListener(delivered -> terminate(error));
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
    server.writeAndFlush(Terminate.INSTANCE.encode(server.alloc()));
    client.writeAndFlush(error.encode(client.alloc())).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * The client is gone. A statement that still runs is cancelled first: the server would notice the
   * closed socket only at its next write, and a statement that writes nothing for a while (a long
   * sort, a lock wait, {@code pg_sleep}) would keep running and holding its locks until then.
   */
  private void clientClosed() {
    if (lease != null && reusable()) {
      server.closeFuture().removeListener(serverClosed);
      timer.stop();
      lease.handBack(transactionStatus);
      return;
    }
    // The server channel may be closed already (the startup closes it with the client); the
    // cancel goes on a connection of its own.
    if (pendingReadyForQuery > 0 && !terminated) {
      terminated = true;
      cancelBackend.get().addListener(sent -> endServer());
    } else {
      endServer();
    }
  }

  /** Ends the server session as a client does, with Terminate (the client's was not passed on). */
  private void endServer() {
    if (server.isActive()) {
      server
          .writeAndFlush(Terminate.INSTANCE.encode(server.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The server's connection closed: the client's goes too. */
  private void serverGone(Future<? super Void> closed) {
    timer.stop();
    closeAfterFlush(client);
  }

  /**
   * Whether the server connection can serve another client after a reset: it owes nothing, is in no
   * half-sent extended query, the proxy ended nothing, and no cancel of this session can still be
   * on its way to it.
   */
  private boolean reusable() {
    return pendingReadyForQuery == 0
        && !unsynced
        && !terminated
        && !ended
        && !cancelSent
        && server.isActive();
  }

  /** The mode of the database this session is on. */
  ConnectionMode mode() {
    return policy.mode();
  }

  /** How the server reads the session's text now. */
  TextReading reading() {
    return reading;
  }

  /**
   * Follows a ParameterStatus from the server; returns why the session must end (see {@link
   * TextReading#refusal}), or null.
   */
  Decision.Reject follow(ParameterStatus status) {
    reading = reading.follow(status);
    if (lease != null) {
      lease.reported(status);
    }
    return reading.refusal(policy.mode());
  }

  Classification classify(String sql) {
    return classifier.classify(sql, reading.escapes());
  }

  Decision decide(Classification classification) {
    return policy.decide(classification);
  }

  /**
   * The decision for a text read as the server may read it once what runs before it is done. The
   * server reports a change of {@code standard_conforming_strings} or {@code client_encoding} only
   * at the next ReadyForQuery, after it has read what the client pipelined behind the statement
   * that made it, so a text sent while the server still owes an answer must be allowed however it
   * may be read: with the other backslash escapes (when it has a backslash) and, on tenants and
   * workspaces, when it is not ASCII, in every client-only encoding (whose second bytes can be a
   * quote or backslash). A reading in which a quoted string or comment does not end runs nothing:
   * the server parses the whole text before it runs any of it.
   *
   * @param frame the Query or Parse frame
   * @param text decodes the frame's SQL text in a charset
   * @param sql the text as read with the session's current reading
   */
  Decision decideOtherReadings(ByteBuf frame, Function<Charset, String> text, String sql) {
    if (sql.indexOf('\\') >= 0) {
      Decision decision = decideAs(sql, reading.otherEscapes());
      if (!decision.allowed()) {
        return decision;
      }
    }
    if (policy.mode() == ConnectionMode.CONTROL || frame.forEachByte(b -> b >= 0) < 0) {
      return Decision.ALLOW;
    }
    for (Charset charset : TextReading.CLIENT_ONLY_CHARSETS) {
      String other = text.apply(charset);
      Decision decision = decideAs(other, StringEscapes.STANDARD);
      if (decision.allowed() && other.indexOf('\\') >= 0) {
        decision = decideAs(other, StringEscapes.BACKSLASH);
      }
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.ALLOW;
  }

  /** The decision for {@code sql} read with {@code escapes}; allowed when the reading is broken. */
  private Decision decideAs(String sql, StringEscapes escapes) {
    Classification classification = SqlClassifier.classifyUncached(sql, escapes);
    for (ClassifiedStatement statement : classification.statements()) {
      if (statement.has(StatementFact.MALFORMED)) {
        return Decision.ALLOW;
      }
    }
    return policy.decide(classification);
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
        policy.mode().name().toLowerCase(Locale.ROOT),
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
