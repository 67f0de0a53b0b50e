/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.names.Names;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TenantNamesTest {
  @ParameterizedTest
  @CsvSource({
    "Tenant-07, tenant_07",
    "acme, acme",
    "ACME Corp., acme_corp_",
    "42, t_42",
    "_x, t_x",
    "a--b, a_b",
    "Müller, m_ller",
    "'', t_",
    "a-very-long-customer-name-that-goes-on-and-on, a_very_long_customer_name_that"
  })
  void derivesValidTenantNamesFromRoutingValues(String value, String name) {
    assertThat(TenantNames.of(value)).isEqualTo(name);
    assertThat(Names.tenantLogicalName("myapp", TenantNames.of(value))).isEqualTo("myapp__" + name);
  }
}
