/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the open connections to one logical database in this JVM. The limit is read at every
 * acquire, so a changed {@code max_connections} applies to the next connect.
 */
final class ConnectionGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private int open;

  /** A slot held by one connection; releasing it twice releases it once. */
  final class Permit implements Runnable {
    private final AtomicBoolean held = new AtomicBoolean(true);

    @Override
    public void run() {
      if (held.compareAndSet(true, false)) {
        release();
      }
    }
  }

  /**
   * Takes a slot, waiting up to {@code waitMillis} for one while {@code limit} are open.
   *
   * @return the permit, or {@code null} when no slot freed up in time
   */
  Permit tryAcquire(int limit, long waitMillis) throws InterruptedException {
    long remaining = TimeUnit.MILLISECONDS.toNanos(waitMillis);
    lock.lock();
    try {
      while (open >= limit) {
        if (remaining <= 0) {
          return null;
        }
        remaining = released.awaitNanos(remaining);
      }
      open++;
      return new Permit();
    } finally {
      lock.unlock();
    }
  }

  private void release() {
    lock.lock();
    try {
      open--;
      released.signal();
    } finally {
      lock.unlock();
    }
  }
}
