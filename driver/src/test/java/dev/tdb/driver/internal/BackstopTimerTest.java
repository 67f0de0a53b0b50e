/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The backstop's clock: what it cancels, and what it never does. */
final class BackstopTimerTest {

  /** A pgjdbc statement stand-in that counts its cancels. */
  private static final class Cancels {
    final AtomicInteger count = new AtomicInteger();
    final CountDownLatch first = new CountDownLatch(1);
    final Statement statement =
        (Statement)
            Proxy.newProxyInstance(
                Statement.class.getClassLoader(),
                new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("cancel")) {
                    count.incrementAndGet();
                    first.countDown();
                  }
                  return null;
                });
  }

  private static BackstopTimer.Watch watch(Cancels cancels, long inMillis) {
    return new BackstopTimer.Watch(
        cancels.statement, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(inMillis));
  }

  @Test
  void cancelsAnExecutionStillRunningAtItsDeadlineOnce() throws Exception {
    BackstopTimer timer = new BackstopTimer();
    Cancels cancels = new Cancels();
    BackstopTimer.Watch watch = watch(cancels, 50);
    timer.start(watch);
    assertThat(cancels.first.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(watch.end()).as("the backstop cancelled it").isTrue();
    timer.end(watch);
    assertThat(cancels.count).hasValue(1);
  }

  @Test
  void neverCancelsExecutionsThatEndedBeforeTheirDeadline() throws Exception {
    BackstopTimer timer = new BackstopTimer();
    List<Cancels> ended = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Cancels cancels = new Cancels();
      BackstopTimer.Watch watch = watch(cancels, 20);
      timer.start(watch);
      assertThat(watch.end()).isFalse();
      timer.end(watch);
      ended.add(cancels);
    }
    // One that outlives its deadline: once it is cancelled, the timer has fired past all others.
    Cancels running = new Cancels();
    BackstopTimer.Watch last = watch(running, 100);
    timer.start(last);
    assertThat(running.first.await(10, TimeUnit.SECONDS)).isTrue();
    timer.end(last);
    assertThat(ended).allSatisfy(cancels -> assertThat(cancels.count).hasValue(0));
  }

  @Test
  void timesAnExecutionThatSharesItsConnectionWithARunningOneOnItsOwn() throws Exception {
    BackstopTimer timer = new BackstopTimer();
    Cancels slow = new Cancels();
    BackstopTimer.Watch published = watch(slow, 60_000);
    timer.start(published);
    Cancels other = new Cancels();
    BackstopTimer.Watch concurrent = watch(other, 50);
    timer.start(concurrent);
    assertThat(other.first.await(10, TimeUnit.SECONDS)).isTrue();
    timer.end(concurrent);
    assertThat(published.end()).isFalse();
    timer.end(published);
    timer.close();
    assertThat(slow.count).hasValue(0);
  }
}
