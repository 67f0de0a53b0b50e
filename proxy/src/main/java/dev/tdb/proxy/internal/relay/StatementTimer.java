/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.LimitRejections;
import dev.tdb.core.policy.SqlState;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's backstop to {@code query_timeout_ms}, for a server whose {@code statement_timeout}
 * was lifted (a changed role, a session that got around the policy): a statement that runs longer
 * than the limit plus a grace of {@link LimitRejections#statementTimeoutGraceMs} is sent a
 * CancelRequest, and its 57014 reaches the client as a statement timeout naming the setting.
 *
 * <p>The server is busy from the first Query, Execute or Sync sent while it owed nothing until the
 * ReadyForQuery that ends it; the time between a ReadyForQuery and the client's next message (idle,
 * or idle in a transaction) does not count. The server flushes its output only at the end of a
 * pipeline, when its buffer fills, or at a Flush, so the proxy often cannot see where one statement
 * of a pipeline ends and the next begins: it restarts the clock at every statement end it sees, and
 * allows the limit once per statement still owed (Query statements and Executes sent, less those
 * ended). A pipeline of statements that each stay below the limit is never cancelled; a runaway
 * statement in a pipeline is cancelled at the latest once every statement still owed behind it
 * could have used its whole limit.
 *
 * <p>One timer serves a whole session: it is armed when none is pending and, when it fires early
 * because statements ended in the meantime, rearmed for what is left, so the relay's hot path only
 * reads the clock. Confined to the event loop of the session's channels, so nothing is volatile.
 */
final class StatementTimer implements Runnable {
  private final long timeoutMs;
  private final long limitNanos;
  private final String workspace;
  private final Runnable cancelBackend;
  private final EventExecutor executor;
  private ScheduledFuture<?> pending;
  private boolean running;
  private long startedAt;
  private long owed;
  private boolean cancelSent;

  /**
   * A timer for {@code timeoutMs} (0 for none) that runs {@code cancelBackend} on {@code executor}.
   */
  StatementTimer(long timeoutMs, String workspace, Runnable cancelBackend, EventExecutor executor) {
    this.timeoutMs = timeoutMs;
    this.limitNanos =
        timeoutMs == 0
            ? 0
            : TimeUnit.MILLISECONDS.toNanos(
                timeoutMs + LimitRejections.statementTimeoutGraceMs(timeoutMs));
    this.workspace = workspace;
    this.cancelBackend = cancelBackend;
    this.executor = executor;
  }

  /**
   * The client sent {@code statements} statements (0 for a Sync); the server is busy from now
   * unless it was already.
   */
  void statementsSent(int statements) {
    owed += statements;
    if (running || limitNanos == 0) {
      return;
    }
    running = true;
    startedAt = executor.ticker().nanoTime();
    if (pending == null) {
      pending = executor.schedule(this, limitNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The server ended a statement; one pipelined after it starts now. */
  void statementEnded() {
    startedAt = executor.ticker().nanoTime();
    if (owed > 0) {
      owed--;
    }
  }

  /** The server owes nothing more: the client's think time is not counted. */
  void idle() {
    running = false;
    owed = 0;
    cancelSent = false;
  }

  /** The session ended. */
  void stop() {
    running = false;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  @Override
  public void run() {
    pending = null;
    if (!running) {
      return;
    }
    long left = startedAt + Math.max(1, owed) * limitNanos - executor.ticker().nanoTime();
    if (left > 0) {
      pending = executor.schedule(this, left, TimeUnit.NANOSECONDS);
      return;
    }
    // A statement that survives the cancel (it caught query_canceled) gets another one later.
    cancelSent = true;
    startedAt = executor.ticker().nanoTime();
    pending = executor.schedule(this, limitNanos, TimeUnit.NANOSECONDS);
    cancelBackend.run();
  }

  /**
   * The error for the client: after a cancel of this timer, the server's 57014 becomes a new
   * statement timeout error that names {@code query_timeout_ms}; else {@code error} itself. {@code
   * error} stays the caller's to release.
   */
  ByteBuf explain(ByteBuf error) {
    if (!cancelSent) {
      return error;
    }
    cancelSent = false;
    if (!SqlState.QUERY_CANCELED.is(ErrorResponse.decode(error).sqlState())) {
      return error;
    }
    ByteBuf timeout =
        ErrorResponse.error(
                LimitRejections.statementTimeout(
                    timeoutMs, LimitRejections.statementTimeoutGraceMs(timeoutMs), workspace))
            .encode(error.alloc());
    return timeout;
  }
}
