/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.core.policy.SqlState;
import dev.tdb.driver.internal.Errors;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over every tenant of one blueprint: each call picks a tenant (given, or from
 * the configured resolver) and borrows from that tenant's HikariCP pool. Pools are created on first
 * use, keep no idle connections beyond their idle timeout, and are closed when their tenant has
 * been idle for {@link Options#poolIdleEviction} or when more than {@link Options#maxPools} exist,
 * so one application can serve thousands of tenants. Needs HikariCP on the class path.
 */
public final class TenantRoutingDataSource implements DataSource, AutoCloseable {
  private static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9_]{0,29}");

  private final Options options;
  private final Cache<String, HikariDataSource> pools;
  private volatile PrintWriter logWriter;

  /**
   * How tenants are reached and pooled.
   *
   * @param adminUrl the admin service as {@code jdbc:tdb://ADMIN_HOST[:PORT]}
   * @param blueprint the blueprint whose tenants are served ({@code myapp})
   * @param properties tdb and pgjdbc connection properties, at least the credentials
   * @param tenantResolver the tenant of the current call, for {@link #getConnection()}
   * @param maxPoolSize the largest pool per tenant (keep it below {@code max_connections})
   * @param maxPools how many tenant pools may exist at once
   * @param poolIdleEviction how long a tenant's pool lives without a borrow
   */
  public record Options(
      String adminUrl,
      String blueprint,
      Properties properties,
      Supplier<String> tenantResolver,
      int maxPoolSize,
      long maxPools,
      Duration poolIdleEviction) {

    /** Copies the properties and checks the values. */
    public Options {
      Objects.requireNonNull(adminUrl, "adminUrl");
      Objects.requireNonNull(blueprint, "blueprint");
      Objects.requireNonNull(tenantResolver, "tenantResolver");
      Objects.requireNonNull(poolIdleEviction, "poolIdleEviction");
      Properties copy = new Properties();
      copy.putAll(properties);
      properties = copy;
      if (maxPoolSize < 1 || maxPools < 1 || poolIdleEviction.isNegative()) {
        throw new IllegalArgumentException("pool sizes must be positive, eviction not negative");
      }
    }

    /** Options with pools of at most 5 connections, 1000 pools, evicted after 10 idle minutes. */
    public static Options of(
        String adminUrl, String blueprint, Properties properties, Supplier<String> resolver) {
      return new Options(
          adminUrl, blueprint, properties, resolver, 5, 1000, Duration.ofMinutes(10));
    }
  }

  /** A data source for the tenants of {@code options.blueprint()}. */
  public TenantRoutingDataSource(Options options) {
    this.options = options;
    this.pools =
        Caffeine.newBuilder()
            .maximumSize(options.maxPools())
            .expireAfterAccess(options.poolIdleEviction())
            .scheduler(Scheduler.systemScheduler())
            .removalListener(
                (String tenant, HikariDataSource pool, RemovalCause cause) -> {
                  if (pool != null) {
                    pool.close();
                  }
                })
            .build();
  }

  /**
   * A connection to the current tenant, as the tenant resolver names it.
   *
   * @throws SQLException 08001 when the resolver names no valid tenant, or the pool's errors
   */
  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(currentTenant());
  }

  /** The tenant of the current call as the options' tenant resolver names it, or {@code null}. */
  public String currentTenant() {
    return options.tenantResolver().get();
  }

  /** A connection to {@code tenant} ({@code acme} for {@code myapp__acme}). */
  public Connection getConnection(String tenant) throws SQLException {
    return pool(tenant).getConnection();
  }

  /** The pool of {@code tenant}, created on first use. */
  public DataSource forTenant(String tenant) throws SQLException {
    return pool(tenant);
  }

  private HikariDataSource pool(String tenant) throws SQLException {
    if (tenant == null || !TENANT.matcher(tenant).matches() || tenant.contains("__")) {
      throw Errors.fatal(
          SqlState.UNABLE_TO_CONNECT,
          "not a tenant name: " + tenant,
          "tenant names are lowercase letters, digits and single underscores, up to 30 characters");
    }
    return pools.get(tenant, this::newPool);
  }

  private HikariDataSource newPool(String tenant) {
    String logicalName = options.blueprint() + "__" + tenant;
    TdbDataSource tenantSource = new TdbDataSource(options.adminUrl() + "/" + logicalName);
    Properties properties = options.properties();
    for (String name : properties.stringPropertyNames()) {
      tenantSource.setProperty(name, properties.getProperty(name));
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(tenantSource);
    config.setPoolName("tdb-" + logicalName);
    config.setMaximumPoolSize(options.maxPoolSize());
    config.setMinimumIdle(0);
    // Fail on first borrow rather than at pool creation, so errors reach the caller as
    // SQLException.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /** Closes every tenant pool. */
  @Override
  public void close() {
    pools.invalidateAll();
    pools.cleanUp();
  }

  /** Not supported: tenants connect with the configured credentials only. */
  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw Errors.fatal(
        SqlState.FEATURE_NOT_SUPPORTED,
        "TenantRoutingDataSource connects with its configured credentials only",
        "set user and password in the options' properties");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /** Ignored: each tenant pool applies pgjdbc's {@code loginTimeout} from the properties. */
  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.tdb.driver");
  }

  /** This data source, when it is a {@code type}. */
  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName(), SqlState.GENERAL_ERROR.code());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
