/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import org.junit.jupiter.api.Test;

final class FanOutSlotsTest {
  @Test
  void refusesAnAccountBeyondItsSlotsWithRetryAfterAndGivesSlotsBack() {
    FanOutSlots slots = new FanOutSlots(8, 2);
    QueryService.Slot first = slots.take(1);
    slots.take(1);
    assertThatThrownBy(() -> slots.take(1))
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AdminException.Kind.RATE_LIMITED);
              assertThat(e.code()).isEqualTo("fan_out_busy");
              assertThat(e.retryAfterSeconds()).isPositive();
              assertThat(e.getMessage()).contains("this account already runs 2");
            });
    slots.take(2);
    first.close();
    slots.take(1);
  }

  @Test
  void refusesEveryAccountOnceTheServiceRunsItsMost() {
    FanOutSlots slots = new FanOutSlots(3, 2);
    slots.take(1);
    slots.take(2);
    QueryService.Slot third = slots.take(3);
    assertThatThrownBy(() -> slots.take(4))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("this admin service already runs 3");
    third.close();
    slots.take(4);
  }
}
