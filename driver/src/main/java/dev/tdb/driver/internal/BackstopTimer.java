/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of one connection's {@link StatementBackstop}s, on one daemon thread shared by every
 * connection in the JVM. As the proxy's timer, it is armed when an execution starts and none is
 * pending, and when it fires early (the execution it was armed for ended) it rearms for the
 * execution running then, or for none: an execution only publishes itself and takes itself back,
 * and the shared thread is woken about once per limit per busy connection, not per execution.
 *
 * <p>A connection runs one execution at a time; an execution that starts while another one of the
 * same connection is published (an application sharing a connection between threads) gets a timer
 * task of its own.
 */
final class BackstopTimer implements Runnable {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final AtomicReference<Watch> current = new AtomicReference<>();
  private final AtomicBoolean armed = new AtomicBoolean();
  private volatile ScheduledFuture<?> pending;

  private static ScheduledThreadPoolExecutor timer() {
    ClassLoader loader = BackstopTimer.class.getClassLoader();
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
    // A closed connection's pending task goes at once instead of at its delay.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** An execution starts. */
  void start(Watch watch) {
    if (!current.compareAndSet(null, watch)) {
      watch.task = TIMER.schedule(watch::expire, watch.leftNanos(), TimeUnit.NANOSECONDS);
      return;
    }
    if (!armed.get() && armed.compareAndSet(false, true)) {
      pending = TIMER.schedule(this, watch.leftNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** An execution ended; its own cancel, if one is being sent, has been sent. */
  void end(Watch watch) {
    watch.end();
    if (!current.compareAndSet(watch, null) && watch.task != null) {
      watch.task.cancel(false);
    }
  }

  /** The connection is closed: its pending task goes. */
  void close() {
    ScheduledFuture<?> task = pending;
    if (task != null) {
      task.cancel(false);
    }
  }

  /** The timer fired: cancels the published execution when it is over its time, else rearms. */
  @Override
  public void run() {
    // Disarmed before looking, so that an execution published from now on arms it again itself.
    armed.set(false);
    Watch watch = current.get();
    if (watch == null) {
      return;
    }
    long left = watch.leftNanos();
    if (left <= 0) {
      watch.expire();
    } else if (armed.compareAndSet(false, true)) {
      pending = TIMER.schedule(this, left, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * One execution, as the timer and the executing thread see it. The timer cancels only an
   * execution that has not ended, and the end waits for a cancel being sent, so that a cancel can
   * never reach the statement's next execution.
   */
  static final class Watch extends AtomicInteger {
    private static final long serialVersionUID = 1L;
    private static final int RUNNING = 0;
    private static final int ENDED = 1;
    private static final int CANCELLING = 2;
    private static final int CANCELLED = 3;

    private final transient Statement statement;
    private final long deadline;
    private transient volatile ScheduledFuture<?> task;

    /**
     * @param statement pgjdbc's statement that runs the execution
     * @param deadline {@link System#nanoTime()} when it is over its time
     */
    Watch(Statement statement, long deadline) {
      super(RUNNING);
      this.statement = statement;
      this.deadline = deadline;
    }

    long leftNanos() {
      return deadline - System.nanoTime();
    }

    /** Cancels the execution unless it has ended. */
    void expire() {
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
