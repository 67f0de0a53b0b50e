/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.deployments.DeploymentLease;
import dev.tdb.admin.querylog.QueryLogService;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.admin.sources.SourcePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the admin service. Immutable; {@link #toString()} shows no password and no key. Built
 * with {@link #builder}, changed with {@link #toBuilder()}.
 *
 * @param metadataUrl pgjdbc URL of the metadata database ({@code jdbc:postgresql://…/tdb_admin})
 * @param metadataUser the metadata database user
 * @param metadataPassword the metadata database user's password
 * @param bindHost the address the HTTP server listens on ({@code 0.0.0.0} for every interface)
 * @param port the HTTP port; 0 picks a free one (see {@link AdminServer#port()})
 * @param secretKey the key that seals stored passwords ({@code TDB_SECRET_KEY})
 * @param poolSize connections in the metadata database pool
 * @param tls TLS for the REST API, or empty for plain HTTP (fine on loopback only: clients send
 *     account secrets in every request)
 * @param queryLogRetention how long the proxy's query-log events are kept
 * @param importFreeSpaceReserve bytes an import leaves free on its target beyond what it writes
 * @param clusterCa PEM certificates trusted for clusters with {@code ssl_mode} {@code verify-ca} or
 *     {@code verify-full} (pgjdbc's {@code sslrootcert}), or empty for pgjdbc's default ({@code
 *     ~/.postgresql/root.crt}); the proxy's counterpart is {@code ProxyConfig.withServerCa}
 * @param roleCheckInterval how often every tenant's runtime role is checked for drift and repaired
 *     ({@code tenants/RoleChecks}); zero turns the periodic check off
 * @param sourcePolicy which source databases imports may connect to, and how often an account may
 *     ask; none by default ({@link SourcePolicy#closed()})
 * @param lockWait how long the admin waits for one of its advisory locks inside a tenant or
 *     workspace database, whose own role may hold the same key, before that tenant's operation
 *     fails with 55P03 (30 s by default)
 * @param deploymentLease how long this server's hold on a running deployment lasts without a
 *     renewal and how often it renews it and looks for deployments a stopped server left ({@link
 *     DeploymentLease#DEFAULT}: 15 s, every 5 s)
 */
public record AdminConfig(
    String metadataUrl,
    String metadataUser,
    String metadataPassword,
    String bindHost,
    int port,
    SecretKey secretKey,
    int poolSize,
    Optional<AdminTls> tls,
    Duration queryLogRetention,
    long importFreeSpaceReserve,
    Optional<Path> clusterCa,
    Duration roleCheckInterval,
    SourcePolicy sourcePolicy,
    Duration lockWait,
    DeploymentLease deploymentLease) {
  /** How often runtime roles are checked for drift unless configured. */
  public static final Duration DEFAULT_ROLE_CHECK_INTERVAL = Duration.ofMinutes(5);

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the invalid field
   */
  public AdminConfig {
    Objects.requireNonNull(metadataUrl, "metadataUrl");
    Objects.requireNonNull(metadataUser, "metadataUser");
    Objects.requireNonNull(metadataPassword, "metadataPassword");
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(queryLogRetention, "queryLogRetention");
    Objects.requireNonNull(clusterCa, "clusterCa");
    Objects.requireNonNull(roleCheckInterval, "roleCheckInterval");
    if (roleCheckInterval.isNegative()) {
      throw new IllegalArgumentException(
          "roleCheckInterval must not be negative, got " + roleCheckInterval);
    }
    Objects.requireNonNull(sourcePolicy, "sourcePolicy");
    Objects.requireNonNull(lockWait, "lockWait");
    Objects.requireNonNull(deploymentLease, "deploymentLease");
    if (lockWait.isNegative() || lockWait.isZero()) {
      throw new IllegalArgumentException("lockWait must be positive, got " + lockWait);
    }
    if (queryLogRetention.isNegative() || queryLogRetention.isZero()) {
      throw new IllegalArgumentException(
          "queryLogRetention must be positive, got " + queryLogRetention);
    }
    if (!metadataUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("metadataUrl must be a jdbc:postgresql: URL");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }
    if (importFreeSpaceReserve < 0) {
      throw new IllegalArgumentException(
          "importFreeSpaceReserve must not be negative, got " + importFreeSpaceReserve);
    }
  }

  /**
   * A builder with the metadata database, the key and the defaults: HTTP on 127.0.0.1 with a free
   * port, a pool of 4, no TLS, {@link QueryLogService#DEFAULT_RETENTION}, no import reserve,
   * pgjdbc's default cluster CA, {@link #DEFAULT_ROLE_CHECK_INTERVAL}, no import sources, {@link
   * ClusterPools#DEFAULT_LOCK_WAIT} and {@link DeploymentLease#DEFAULT}.
   */
  public static Builder builder(
      String metadataUrl, String metadataUser, String metadataPassword, SecretKey secretKey) {
    return new Builder(metadataUrl, metadataUser, metadataPassword, secretKey);
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    return new Builder(metadataUrl, metadataUser, metadataPassword, secretKey)
        .listen(bindHost, port)
        .poolSize(poolSize)
        .tls(tls.orElse(null))
        .queryLogRetention(queryLogRetention)
        .importFreeSpaceReserve(importFreeSpaceReserve)
        .clusterCa(clusterCa.orElse(null))
        .roleCheckInterval(roleCheckInterval)
        .sourcePolicy(sourcePolicy)
        .lockWait(lockWait)
        .deploymentLease(deploymentLease);
  }

  /** Collects an {@link AdminConfig}; {@link #build()} checks it. Not thread-safe. */
  public static final class Builder {
    private final String metadataUrl;
    private final String metadataUser;
    private final String metadataPassword;
    private final SecretKey secretKey;
    private String bindHost = "127.0.0.1";
    private int port;
    private int poolSize = 4;
    private AdminTls tls;
    private Duration queryLogRetention = QueryLogService.DEFAULT_RETENTION;
    private long importFreeSpaceReserve;
    private Path clusterCa;
    private Duration roleCheckInterval = DEFAULT_ROLE_CHECK_INTERVAL;
    private SourcePolicy sourcePolicy = SourcePolicy.closed();
    private Duration lockWait = ClusterPools.DEFAULT_LOCK_WAIT;
    private DeploymentLease deploymentLease = DeploymentLease.DEFAULT;

    private Builder(
        String metadataUrl, String metadataUser, String metadataPassword, SecretKey secretKey) {
      this.metadataUrl = metadataUrl;
      this.metadataUser = metadataUser;
      this.metadataPassword = metadataPassword;
      this.secretKey = secretKey;
    }

    /** Listens on {@code host} ({@code 0.0.0.0} for every interface) and {@code port} (0: free). */
    public Builder listen(String host, int port) {
      this.bindHost = host;
      this.port = port;
      return this;
    }

    /** Connections in the metadata database pool. */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /** Serves HTTPS with {@code tls}; null for plain HTTP. */
    public Builder tls(AdminTls tls) {
      this.tls = tls;
      return this;
    }

    /** Keeps query-log events for {@code retention}. */
    public Builder queryLogRetention(Duration retention) {
      this.queryLogRetention = retention;
      return this;
    }

    /** Leaves {@code bytes} free on an import's target beyond what it writes. */
    public Builder importFreeSpaceReserve(long bytes) {
      this.importFreeSpaceReserve = bytes;
      return this;
    }

    /** Trusts the PEM certificates in {@code caFile} for verifying clusters; null for pgjdbc's. */
    public Builder clusterCa(Path caFile) {
      this.clusterCa = caFile;
      return this;
    }

    /** Checks runtime roles for drift every {@code interval} (zero: never). */
    public Builder roleCheckInterval(Duration interval) {
      this.roleCheckInterval = interval;
      return this;
    }

    /** Lets imports connect to source databases as {@code policy} says. */
    public Builder sourcePolicy(SourcePolicy policy) {
      this.sourcePolicy = policy;
      return this;
    }

    /** Waits at most {@code wait} for advisory locks in tenant and workspace databases. */
    public Builder lockWait(Duration wait) {
      this.lockWait = wait;
      return this;
    }

    /** Holds deployments with leases of {@code lease}'s TTL and renewal. */
    public Builder deploymentLease(DeploymentLease lease) {
      this.deploymentLease = lease;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the invalid field
     * @throws NullPointerException naming a missing field
     */
    public AdminConfig build() {
      return new AdminConfig(
          metadataUrl,
          metadataUser,
          metadataPassword,
          bindHost,
          port,
          secretKey,
          poolSize,
          Optional.ofNullable(tls),
          queryLogRetention,
          importFreeSpaceReserve,
          Optional.ofNullable(clusterCa),
          roleCheckInterval,
          sourcePolicy,
          lockWait,
          deploymentLease);
    }
  }

  /** Everything but the password and the key. */
  @Override
  public String toString() {
    // A URL may carry a password in its query, so only the part before it is shown.
    int query = metadataUrl.indexOf('?');
    return "AdminConfig[metadataUrl="
        + (query < 0 ? metadataUrl : metadataUrl.substring(0, query))
        + ", metadataUser="
        + metadataUser
        + ", bind="
        + bindHost
        + ":"
        + port
        + ", poolSize="
        + poolSize
        + ", tls="
        + tls.map(AdminTls::toString).orElse("off")
        + ", queryLogRetention="
        + queryLogRetention
        + ", importFreeSpaceReserve="
        + importFreeSpaceReserve
        + ", clusterCa="
        + clusterCa.map(Path::toString).orElse("default")
        + ", roleCheckInterval="
        + roleCheckInterval
        + ", lockWait="
        + lockWait
        + ", deploymentLease="
        + deploymentLease
        + ", importSources="
        + sourcePolicy.allowedHosts()
        + "]";
  }
}
