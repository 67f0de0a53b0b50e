/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.deployments.DeploymentLease;
import dev.tdb.admin.querylog.QueryLogService;
import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.sources.SourcePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the admin service. Immutable; {@link #toString()} shows no password and no key.
 *
 * @param metadataUrl pgjdbc URL of the metadata database ({@code jdbc:postgresql://…/tdb_admin})
 * @param metadataUser the metadata database user
 * @param metadataPassword the metadata database user's password
 * @param bindHost the address the HTTP server listens on ({@code 0.0.0.0} for every interface)
 * @param port the HTTP port; 0 picks a free one (see {@link AdminServer#port()})
 * @param secretKey the 32-byte AES-256 key that seals stored passwords ({@code TDB_SECRET_KEY})
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
    byte[] secretKey,
    int poolSize,
    Optional<AdminTls> tls,
    Duration queryLogRetention,
    long importFreeSpaceReserve,
    Optional<Path> clusterCa,
    Duration roleCheckInterval,
    SourcePolicy sourcePolicy,
    Duration lockWait,
    DeploymentLease deploymentLease) {
  /** Length of the secret key in bytes. */
  public static final int SECRET_KEY_BYTES = 32;

  /** How often runtime roles are checked for drift unless configured. */
  public static final Duration DEFAULT_ROLE_CHECK_INTERVAL = Duration.ofMinutes(5);

  /**
   * Checks every field and copies the key.
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
    if (secretKey.length != SECRET_KEY_BYTES) {
      throw new IllegalArgumentException(
          "secretKey must be " + SECRET_KEY_BYTES + " bytes, got " + secretKey.length);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }
    if (importFreeSpaceReserve < 0) {
      throw new IllegalArgumentException(
          "importFreeSpaceReserve must not be negative, got " + importFreeSpaceReserve);
    }
    secretKey = secretKey.clone();
  }

  /** A configuration serving plain HTTP. */
  public AdminConfig(
      String metadataUrl,
      String metadataUser,
      String metadataPassword,
      String bindHost,
      int port,
      byte[] secretKey,
      int poolSize) {
    this(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        Optional.empty(),
        QueryLogService.DEFAULT_RETENTION,
        0,
        Optional.empty(),
        DEFAULT_ROLE_CHECK_INTERVAL,
        SourcePolicy.closed(),
        ClusterPools.DEFAULT_LOCK_WAIT,
        DeploymentLease.DEFAULT);
  }

  /** This configuration serving HTTPS with {@code tls}. */
  public AdminConfig withTls(AdminTls tls) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        Optional.of(tls),
        queryLogRetention,
        importFreeSpaceReserve,
        clusterCa,
        roleCheckInterval,
        sourcePolicy,
        lockWait,
        deploymentLease);
  }

  /** This configuration keeping query-log events for {@code value}. */
  public AdminConfig withQueryLogRetention(Duration value) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        value,
        importFreeSpaceReserve,
        clusterCa,
        roleCheckInterval,
        sourcePolicy,
        lockWait,
        deploymentLease);
  }

  /** This configuration leaving {@code bytes} free on an import's target beyond what it writes. */
  public AdminConfig withImportFreeSpaceReserve(long bytes) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        queryLogRetention,
        bytes,
        clusterCa,
        roleCheckInterval,
        sourcePolicy,
        lockWait,
        deploymentLease);
  }

  /**
   * This configuration verifying clusters with {@code ssl_mode} {@code verify-ca} or {@code
   * verify-full} against the PEM certificates in {@code caFile}.
   */
  public AdminConfig withClusterCa(Path caFile) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        queryLogRetention,
        importFreeSpaceReserve,
        Optional.of(caFile),
        roleCheckInterval,
        sourcePolicy,
        lockWait,
        deploymentLease);
  }

  /** This configuration checking runtime roles for drift every {@code interval} (zero: never). */
  public AdminConfig withRoleCheckInterval(Duration interval) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        queryLogRetention,
        importFreeSpaceReserve,
        clusterCa,
        interval,
        sourcePolicy,
        lockWait,
        deploymentLease);
  }

  /** This configuration letting imports connect to source databases as {@code policy} says. */
  public AdminConfig withSourcePolicy(SourcePolicy policy) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        queryLogRetention,
        importFreeSpaceReserve,
        clusterCa,
        roleCheckInterval,
        policy,
        lockWait,
        deploymentLease);
  }

  /** This configuration waiting at most {@code wait} for advisory locks in tenant databases. */
  public AdminConfig withLockWait(Duration wait) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        queryLogRetention,
        importFreeSpaceReserve,
        clusterCa,
        roleCheckInterval,
        sourcePolicy,
        wait,
        deploymentLease);
  }

  /** This configuration holding deployments with leases of {@code lease}'s TTL and renewal. */
  public AdminConfig withDeploymentLease(DeploymentLease lease) {
    return new AdminConfig(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        secretKey,
        poolSize,
        tls,
        queryLogRetention,
        importFreeSpaceReserve,
        clusterCa,
        roleCheckInterval,
        sourcePolicy,
        lockWait,
        lease);
  }

  /**
   * Decodes a secret key given as base64 (standard or URL-safe, padded or not).
   *
   * @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes; the message
   *     never repeats the text
   */
  public static byte[] parseSecretKey(String base64) {
    String text = Objects.requireNonNull(base64, "base64").trim();
    byte[] key;
    try {
      key =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TDB_SECRET_KEY is not valid base64; create one with: openssl rand -base64 32");
    }
    if (key.length != SECRET_KEY_BYTES) {
      throw new IllegalArgumentException(
          "TDB_SECRET_KEY must be "
              + SECRET_KEY_BYTES
              + " bytes in base64, got "
              + key.length
              + " bytes; create one with: openssl rand -base64 32");
    }
    return key;
  }

  /** A new random secret key in base64, for installations that have none yet. */
  public static String generateSecretKey() {
    return Base64.getEncoder().encodeToString(RandomTokens.bytes(SECRET_KEY_BYTES));
  }

  /** A copy of the secret key. */
  @Override
  public byte[] secretKey() {
    return secretKey.clone();
  }

  /** Compares every field, the key by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof AdminConfig that
        && metadataUrl.equals(that.metadataUrl)
        && metadataUser.equals(that.metadataUser)
        && metadataPassword.equals(that.metadataPassword)
        && bindHost.equals(that.bindHost)
        && port == that.port
        && Arrays.equals(secretKey, that.secretKey)
        && poolSize == that.poolSize
        && tls.equals(that.tls)
        && queryLogRetention.equals(that.queryLogRetention)
        && roleCheckInterval.equals(that.roleCheckInterval)
        && sourcePolicy.equals(that.sourcePolicy)
        && lockWait.equals(that.lockWait)
        && deploymentLease.equals(that.deploymentLease);
  }

  /** Hashes every field, the key by content. */
  @Override
  public int hashCode() {
    return Objects.hash(
        metadataUrl,
        metadataUser,
        metadataPassword,
        bindHost,
        port,
        Arrays.hashCode(secretKey),
        poolSize,
        tls,
        queryLogRetention,
        roleCheckInterval,
        sourcePolicy,
        lockWait,
        deploymentLease);
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
        + ", roleCheckInterval="
        + roleCheckInterval
        + ", deploymentLease="
        + deploymentLease
        + ", importSources="
        + sourcePolicy.allowedHosts()
        + "]";
  }
}
