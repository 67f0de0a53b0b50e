/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import org.junit.jupiter.api.Test;

final class ConnectionBudgetTest {
  @Test
  void allowsHalfOfWhatIsLeftAfterTheReservedSlots() {
    ConnectionBudget budget = new ConnectionBudget(200, 10, 4);
    assertThat(budget.usable()).isEqualTo(186);
    assertThat(budget.tenantMax()).isEqualTo(93);
    budget.check("one", 93);
  }

  @Test
  void refusesMoreNamingTheClusterItsFiguresAndTheMaximum() {
    ConnectionBudget budget = new ConnectionBudget(100, 3, 0);
    assertThatThrownBy(() -> budget.check("one", 49))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("cluster one")
        .hasMessageContaining("max_connections is 100")
        .hasMessageContaining("3 reserved for superusers")
        .hasMessageContaining("at most 48")
        .extracting(e -> ((AdminException) e).kind())
        .isEqualTo(AdminException.Kind.INVALID);
  }

  @Test
  void aClusterWithoutSlotsForTenantsAllowsNone() {
    ConnectionBudget budget = new ConnectionBudget(5, 5, 3);
    assertThat(budget.usable()).isZero();
    assertThatThrownBy(() -> budget.check("tiny", 1)).isInstanceOf(AdminException.class);
  }
}
