/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.hibernate;

import dev.tdb.driver.TenantRoutingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate's DATABASE multi-tenancy over a {@link TenantRoutingDataSource}: a session of tenant
 * {@code acme} borrows from the pool of {@code <blueprint>__acme}, through the {@code jdbc:tdb:}
 * driver, so the tenant's policy and settings apply to everything Hibernate sends.
 *
 * <p>Hibernate also asks for connections that belong to no tenant: to read JDBC metadata when the
 * session factory starts, and for its schema tools. Those come from the <em>default tenant</em>
 * given here, a tenant database like any other, so schema tools get tdb's DDL refusal: tenant
 * schemas change through the blueprint's workspace, never through an application's session factory.
 *
 * <pre>{@code
 * settings.put(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER,
 *     new TdbMultiTenantConnectionProvider(tenants, "acme"));
 * settings.put(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
 *     new TdbTenantIdentifierResolver(tenants));
 * }</pre>
 */
public final class TdbMultiTenantConnectionProvider
    implements MultiTenantConnectionProvider<String> {
  private final TenantRoutingDataSource tenants;
  private final String defaultTenant;

  /**
   * A provider borrowing from {@code tenants}.
   *
   * @param tenants the tenant pools of one blueprint
   * @param defaultTenant the tenant ({@code acme}, not {@code myapp__acme}) whose database answers
   *     Hibernate's requests that belong to no tenant
   */
  public TdbMultiTenantConnectionProvider(TenantRoutingDataSource tenants, String defaultTenant) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.defaultTenant = Objects.requireNonNull(defaultTenant, "defaultTenant");
  }

  /** A connection to the default tenant, for JDBC metadata and schema tools. */
  @Override
  public Connection getAnyConnection() throws SQLException {
    return tenants.getConnection(defaultTenant);
  }

  /** Returns a connection from {@link #getAnyConnection()} to its pool. */
  @Override
  public void releaseAnyConnection(Connection connection) throws SQLException {
    connection.close();
  }

  /**
   * A connection to {@code tenant} from its pool.
   *
   * @throws SQLException 08001 for a name that is not a tenant name, or what connecting reports
   *     (3D000 unknown or deleted tenant, 55000 suspended tenant, 53300 max_connections reached)
   */
  @Override
  public Connection getConnection(String tenant) throws SQLException {
    return tenants.getConnection(tenant);
  }

  /** Returns a connection of {@code tenant} to its pool. */
  @Override
  public void releaseConnection(String tenant, Connection connection) throws SQLException {
    connection.close();
  }

  /** False: Hibernate keeps a connection for the length of a transaction. */
  @Override
  public boolean supportsAggressiveRelease() {
    return false;
  }

  /** True for this provider's own type and for {@link TenantRoutingDataSource}. */
  @Override
  public boolean isUnwrappableAs(Class<?> type) {
    return type.isInstance(this) || type.isInstance(tenants);
  }

  /**
   * This provider or its {@link TenantRoutingDataSource}, as {@code type}.
   *
   * @throws IllegalArgumentException when neither is a {@code type}
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(tenants)) {
      return type.cast(tenants);
    }
    throw new IllegalArgumentException("cannot unwrap " + getClass() + " as " + type.getName());
  }
}
