/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class SourceRulesTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void admitsListedNamesAsGivenAndAddressesInsideListedBlocksPinned() {
    HostAllowlist list = HostAllowlist.of(List.of("DB.example", "10.1.0.0/16", "::1/128"));
    assertThat(list.admit("db.example")).contains("db.example");
    assertThat(list.admit("10.1.200.7")).contains("10.1.200.7");
    assertThat(list.admit("::1")).contains("0:0:0:0:0:0:0:1");
    assertThat(list.admit("[::1]")).contains("0:0:0:0:0:0:0:1");
    assertThat(HostAllowlist.of(List.of("[::1]")).admit("::1")).isPresent();
    assertThat(list.admit("10.2.0.1")).isEmpty();
    assertThat(list.admit("169.254.169.254")).isEmpty();
    assertThat(list.admit("db.example,10.9.9.9")).isEmpty();
    assertThat(list.admit("other.example")).isEmpty();
    assertThat(HostAllowlist.of(List.of()).admit("127.0.0.1")).isEmpty();
  }

  @Test
  void refusesEntriesThatAreNeitherNameNorAddressNorBlock() {
    for (String entry : List.of("10.0.0.0/33", "db example", "a,b", "x/8", "::1/129")) {
      assertThatThrownBy(() -> new SourcePolicy(List.of(entry), 1, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(entry);
    }
  }

  @Test
  void refillsOneTokenPerIntervalUpToTheBurst() {
    AtomicLong now = new AtomicLong(1_000 * SECOND);
    TokenBucket bucket = new TokenBucket(2, 10 * SECOND, now::get);
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isEqualTo(10 * SECOND);
    now.addAndGet(4 * SECOND);
    assertThat(bucket.take()).isEqualTo(6 * SECOND);
    now.addAndGet(6 * SECOND);
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isEqualTo(10 * SECOND);
    now.addAndGet(1_000 * SECOND);
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isPositive();
  }
}
