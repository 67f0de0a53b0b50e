/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.security.SecretBox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Superuser connections to clusters: a small HikariCP pool per cluster for statements on the
 * maintenance database, and single connections to one database (to grant inside it). A pool is
 * replaced when a cluster's connection details change.
 */
public final class ClusterPools implements AutoCloseable {
  /** The database the admin service connects to for cluster-wide statements. */
  static final String MAINTENANCE_DATABASE = "postgres";

  private static final int POOL_SIZE = 2;
  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  private static final int LOGIN_TIMEOUT_SECONDS = 10;

  /** How long the admin waits for an advisory lock in a tenant or workspace database by default. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

  private final SecretBox box;
  private final Optional<Path> clusterCa;
  private final Duration lockWait;
  private final Map<String, Pooled> pools = new HashMap<>();

  private record Pooled(ClusterRow row, HikariDataSource pool) {}

  /**
   * Creates the pools; {@code box} opens the sealed superuser passwords, {@code clusterCa} holds
   * the PEM certificates trusted for {@code verify-ca} and {@code verify-full} (pgjdbc's default
   * when empty).
   */
  public ClusterPools(SecretBox box, Optional<Path> clusterCa) {
    this(box, clusterCa, DEFAULT_LOCK_WAIT);
  }

  /**
   * Creates the pools, waiting at most {@code lockWait} for an advisory lock inside a tenant or
   * workspace database ({@link AdvisoryLocks}).
   */
  public ClusterPools(SecretBox box, Optional<Path> clusterCa, Duration lockWait) {
    this.box = box;
    this.clusterCa = clusterCa;
    this.lockWait = lockWait;
  }

  /** How long to wait for an advisory lock inside a tenant or workspace database. */
  public Duration lockWait() {
    return lockWait;
  }

  /** The statements this service runs on {@code cluster}. */
  public ClusterAdmin admin(ClusterRow cluster) {
    return new ClusterAdmin(cluster, this);
  }

  /**
   * Whether {@code cluster} answers {@code SELECT 1} on a pooled connection within {@code
   * timeoutSeconds}, connecting included (at most the pool's connect timeout).
   */
  public boolean reachable(ClusterRow cluster, int timeoutSeconds) {
    try (Connection connection = borrow(cluster);
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** A pooled superuser connection to the cluster's maintenance database. */
  Connection borrow(ClusterRow cluster) throws SQLException {
    return pool(cluster).getConnection();
  }

  /** A new, unpooled superuser connection to {@code database} on the cluster. */
  Connection connect(ClusterRow cluster, String database) throws SQLException {
    return DriverManager.getConnection(url(cluster, database), properties(cluster));
  }

  /**
   * A new, unpooled connection to {@code database} on the cluster as {@code role}; the caller
   * closes it.
   *
   * @throws SQLException when the server cannot be reached or refuses the login
   */
  public Connection connectAs(ClusterRow cluster, String database, String role, String password)
      throws SQLException {
    Properties properties = properties(cluster);
    properties.setProperty("user", role);
    properties.setProperty("password", password);
    return DriverManager.getConnection(url(cluster, database), properties);
  }

  /**
   * A new, unpooled connection to {@code database} on the cluster as a blueprint owner role, with
   * the password {@link #ownerPassword} derives.
   */
  Connection connectAsOwner(ClusterRow cluster, String database, String owner) throws SQLException {
    return connectAs(cluster, database, owner, ownerPassword(cluster, owner));
  }

  /** The login password of a blueprint owner role on a cluster, derived, never stored. */
  String ownerPassword(ClusterRow cluster, String owner) {
    return box.derive("owner/" + cluster.name() + "/" + owner);
  }

  /** Closes the pool of a cluster that was removed or whose details changed. */
  public synchronized void evict(String clusterName) {
    Pooled pooled = pools.remove(clusterName);
    if (pooled != null) {
      pooled.pool().close();
    }
  }

  private synchronized HikariDataSource pool(ClusterRow cluster) {
    Pooled pooled = pools.get(cluster.name());
    if (pooled != null && sameConnection(pooled.row(), cluster)) {
      return pooled.pool();
    }
    evict(cluster.name());
    HikariConfig config = new HikariConfig();
    config.setPoolName("tdb-cluster-" + cluster.name());
    config.setJdbcUrl(url(cluster, MAINTENANCE_DATABASE));
    config.setDataSourceProperties(properties(cluster));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    pools.put(cluster.name(), new Pooled(cluster, pool));
    return pool;
  }

  private static boolean sameConnection(ClusterRow a, ClusterRow b) {
    return a.host().equals(b.host())
        && a.port() == b.port()
        && a.superuser().equals(b.superuser())
        && a.passwordSealed().equals(b.passwordSealed())
        && a.sslMode().equals(b.sslMode());
  }

  private static String url(ClusterRow cluster, String database) {
    String host = cluster.host().indexOf(':') >= 0 ? "[" + cluster.host() + "]" : cluster.host();
    return "jdbc:postgresql://" + host + ":" + cluster.port() + "/" + database;
  }

  private Properties properties(ClusterRow cluster) {
    Properties properties = new Properties();
    properties.setProperty("user", cluster.superuser());
    properties.setProperty("password", password(cluster));
    properties.setProperty("sslmode", cluster.sslMode());
    clusterCa.ifPresent(file -> properties.setProperty("sslrootcert", file.toString()));
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
    properties.setProperty("ApplicationName", "tdb-admin");
    return properties;
  }

  private String password(ClusterRow cluster) {
    return box.open(cluster.passwordSealed(), sealContext(cluster.name()));
  }

  /** The context a cluster's password is sealed for. */
  public static String sealContext(String clusterName) {
    return "cluster/" + clusterName;
  }

  /** Closes every pool. */
  @Override
  public synchronized void close() {
    pools.values().forEach(pooled -> pooled.pool().close());
    pools.clear();
  }
}
