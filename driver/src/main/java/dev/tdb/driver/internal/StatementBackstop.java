/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.LimitRejections;
import dev.tdb.core.policy.SqlStates;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.util.PSQLException;

/**
 * The driver's backstop to {@code query_timeout_ms}, the same as the proxy's: an execution still
 * running after the limit plus a grace of max(1 s, limit / 10) is cancelled through pgjdbc's {@link
 * Statement#cancel()}, and the application gets SQLSTATE 57014 naming {@code query_timeout_ms}. The
 * server's own {@code statement_timeout} (a tenant's runtime role carries the limit) answers first
 * whenever it is in force; the backstop is for a session where it was lifted.
 *
 * <p>All statements of the JVM share one daemon timer thread: an execution costs one timer task
 * scheduled before it and cancelled after it, nothing else.
 */
final class StatementBackstop {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Statement statement;
  private final long timeoutMs;
  private final long delayMs;
  private final String workspace;

  /**
   * A backstop for the executions of one pgjdbc statement.
   *
   * @param statement pgjdbc's statement, whose {@code cancel} reaches only its own execution
   * @param timeoutMs {@code query_timeout_ms}, 0 for none
   * @param workspace named in the error's hint
   */
  StatementBackstop(Statement statement, long timeoutMs, String workspace) {
    this.statement = statement;
    this.timeoutMs = timeoutMs;
    this.delayMs = timeoutMs + LimitRejections.statementTimeoutGraceMs(timeoutMs);
    this.workspace = workspace;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ClassLoader loader = StatementBackstop.class.getClassLoader();
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "tdb-driver-statement-backstop");
              thread.setDaemon(true);
              // Not the context loader of whichever application thread happened to start it.
              thread.setContextClassLoader(loader);
              return thread;
            });
    // Every execution cancels its task; without this they would stay queued until their delay.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * Runs one execution under the backstop.
   *
   * @param statements how many statements the server runs for it (a multi-statement text, a batch):
   *     the server gives each its own {@code statement_timeout}, so the backstop allows the limit
   *     plus the grace once for each
   * @throws SQLException the execution's own error, or 57014 naming {@code query_timeout_ms} when
   *     the backstop cancelled it
   */
  <T> T run(int statements, TdbStatement.Execution<T> execution) throws SQLException {
    if (timeoutMs == 0 || statements == 0) {
      return execution.run();
    }
    Watch watch = new Watch(statement);
    ScheduledFuture<?> task = TIMER.schedule(watch, statements * delayMs, TimeUnit.MILLISECONDS);
    try {
      return execution.run();
    } catch (SQLException e) {
      if (watch.end() && SqlStates.QUERY_CANCELED.equals(e.getSQLState())) {
        throw timedOut(e);
      }
      throw e;
    } finally {
      task.cancel(false);
      watch.end();
    }
  }

  /** The application's error for an execution the backstop cancelled: a batch's stays one. */
  private SQLException timedOut(SQLException cancelled) {
    PSQLException timeout =
        Errors.rejected(
            LimitRejections.driverStatementTimeout(
                timeoutMs, LimitRejections.statementTimeoutGraceMs(timeoutMs), workspace));
    timeout.initCause(cancelled);
    if (!(cancelled instanceof BatchUpdateException batch)) {
      return timeout;
    }
    BatchUpdateException batchTimeout =
        new BatchUpdateException(
            timeout.getMessage(),
            timeout.getSQLState(),
            batch.getErrorCode(),
            batch.getLargeUpdateCounts(),
            timeout);
    batchTimeout.setNextException(timeout);
    return batchTimeout;
  }

  /**
   * One execution, as the timer and the executing thread see it. The timer cancels only an
   * execution that has not ended, and the end waits for a cancel being sent, so that a cancel can
   * never reach the statement's next execution.
   */
  private static final class Watch extends AtomicInteger implements Runnable {
    private static final int RUNNING = 0;
    private static final int ENDED = 1;
    private static final int CANCELLING = 2;
    private static final int CANCELLED = 3;

    private final transient Statement statement;

    Watch(Statement statement) {
      super(RUNNING);
      this.statement = statement;
    }

    /** The timer fired: cancels the execution unless it has ended. */
    @Override
    public void run() {
      if (!compareAndSet(RUNNING, CANCELLING)) {
        return;
      }
      try {
        // pgjdbc's cancel acts only while its statement executes, and makes that execution's
        // end wait until the CancelRequest was sent.
        statement.cancel();
      } catch (SQLException e) {
        // The connection is failing; the execution ends with that failure by itself.
      } finally {
        synchronized (this) {
          set(CANCELLED);
          notifyAll();
        }
      }
    }

    /**
     * Marks the execution ended; called again, answers the same.
     *
     * @return whether the backstop cancelled it
     */
    boolean end() {
      if (compareAndSet(RUNNING, ENDED) || get() == ENDED) {
        return false;
      }
      boolean interrupted = false;
      synchronized (this) {
        while (get() == CANCELLING) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return true;
    }
  }
}
