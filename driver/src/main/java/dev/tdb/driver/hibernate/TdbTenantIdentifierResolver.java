/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.hibernate;

import dev.tdb.driver.TenantRoutingDataSource;
import java.util.Objects;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate the current tenant as the {@link TenantRoutingDataSource}'s tenant resolver names
 * it, so sessions opened without an explicit tenant identifier and connections taken outside
 * Hibernate follow one notion of "the current tenant".
 */
public final class TdbTenantIdentifierResolver implements CurrentTenantIdentifierResolver<String> {
  private final TenantRoutingDataSource tenants;

  /** A resolver asking {@code tenants} for the current tenant. */
  public TdbTenantIdentifierResolver(TenantRoutingDataSource tenants) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
  }

  /**
   * The current tenant ({@code acme}), or {@code null} when there is none, for which Hibernate
   * refuses to open a session.
   */
  @Override
  public String resolveCurrentTenantIdentifier() {
    return tenants.currentTenant();
  }

  /** True: a current session opened for another tenant is never handed out. */
  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }
}
