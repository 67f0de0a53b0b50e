/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ClusterHardeningTest {
  @Test
  void warnsWhenNoSlotIsKeptForTheAdminService() {
    assertThat(ClusterHardening.warnings(new ConnectionBudget(100, 0, 0)))
        .singleElement()
        .asString()
        .contains("superuser_reserved_connections is 0")
        .contains("set it to 3 or more");
  }

  @Test
  void warnsWhenTheReservedSlotsLeaveNoneForTenants() {
    assertThat(ClusterHardening.warnings(new ConnectionBudget(10, 9, 1)))
        .singleElement()
        .asString()
        .contains("leaves no connections for tenants");
  }

  @Test
  void saysNothingForASoundServer() {
    assertThat(ClusterHardening.warnings(new ConnectionBudget(200, 10, 0))).isEmpty();
  }
}
