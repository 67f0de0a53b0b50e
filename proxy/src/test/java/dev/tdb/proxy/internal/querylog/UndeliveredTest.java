/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class UndeliveredTest {
  private final QueryLogBuffer buffer = new QueryLogBuffer(10);
  private final Undelivered undelivered = new Undelivered(buffer, 1000);

  @Test
  void dropsAndCountsTheOldestBatchesBeyondTheLimit() {
    undelivered.add(new Undelivered.Batch("[1]", 500));
    undelivered.add(new Undelivered.Batch("[2]", 400));
    undelivered.add(new Undelivered.Batch("[3]", 300));

    assertThat(buffer.dropped()).isEqualTo(500);
    assertThat(undelivered.due(0).json()).isEqualTo("[2]");
    assertThat(undelivered.dropAll()).isEqualTo(700);
    assertThat(buffer.dropped()).isEqualTo(1200);
    assertThat(undelivered.due(0)).isNull();
  }

  @Test
  void waitsTwiceAsLongAfterEachFailureUpToTheMaximumAndNotAfterADelivery() {
    undelivered.add(new Undelivered.Batch("[1]", 1));
    undelivered.add(new Undelivered.Batch("[2]", 1));
    long first = Undelivered.FIRST_WAIT.toNanos();

    undelivered.failed(0);
    assertThat(undelivered.due(first - 1)).isNull();
    assertThat(undelivered.nanosUntilDue(0, Long.MAX_VALUE)).isEqualTo(first);
    assertThat(undelivered.due(first).json()).isEqualTo("[1]");
    undelivered.failed(first);
    assertThat(undelivered.nanosUntilDue(first, Long.MAX_VALUE)).isEqualTo(2 * first);
    for (int i = 0; i < 10; i++) {
      undelivered.failed(0);
    }
    assertThat(undelivered.nanosUntilDue(0, Long.MAX_VALUE))
        .isEqualTo(Undelivered.MAX_WAIT.toNanos());

    undelivered.done();
    assertThat(undelivered.failing()).isFalse();
    assertThat(undelivered.due(0).json()).isEqualTo("[2]");
  }
}
