/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static dev.tdb.cli.serve.ConfigKey.Type.PATH;
import static dev.tdb.cli.serve.ConfigKey.Type.SECRET;
import static dev.tdb.cli.serve.ConfigKey.Type.STRING;

import dev.tdb.admin.AdminConfig;
import dev.tdb.admin.AdminTls;
import dev.tdb.admin.deployments.DeploymentLease;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.admin.sources.SourcePolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of {@code tdb admin serve}: its YAML keys and how they map onto {@link
 * AdminConfig}. Read once at start; the running service never reads it again.
 *
 * @param admin the admin service's configuration
 * @param drainTimeout how long SIGTERM waits for the service to stop before it exits anyway
 * @param firstAccountFile where the first account's credentials are written when the metadata
 *     database has none yet, or empty to create none
 */
public record AdminServeConfig(
    AdminConfig admin, Duration drainTimeout, Optional<Path> firstAccountFile) {
  static final String ENV_PREFIX = "TDB_ADMIN_";
  private static final long SECOND = 1000;
  private static final long DAY = 86_400_000;

  public static final ConfigKey METADATA_URL = ConfigKey.required("metadata.url", STRING);
  public static final ConfigKey METADATA_USER = ConfigKey.required("metadata.user", STRING);
  public static final ConfigKey METADATA_PASSWORD = ConfigKey.required("metadata.password", SECRET);
  public static final ConfigKey METADATA_POOL_SIZE =
      ConfigKey.number("metadata.pool_size", 8, 1, 1000);
  public static final ConfigKey SECRET_KEY = ConfigKey.required("secret_key", SECRET);
  public static final ConfigKey HTTP_BIND = ConfigKey.text("http.bind", "127.0.0.1");
  public static final ConfigKey HTTP_PORT = ConfigKey.number("http.port", 7070, 0, 65535);
  public static final ConfigKey HTTP_TLS_KEYSTORE = ConfigKey.optional("http.tls.keystore", PATH);
  public static final ConfigKey HTTP_TLS_KEYSTORE_PASSWORD =
      ConfigKey.optional("http.tls.keystore_password", SECRET);
  public static final ConfigKey QUERY_LOG_RETENTION =
      ConfigKey.duration("query_log.retention", "7d", 60 * SECOND, 3650 * DAY);
  public static final ConfigKey CLUSTERS_CA_FILE = ConfigKey.optional("clusters.ca_file", PATH);
  public static final ConfigKey CLUSTERS_LOCK_WAIT =
      ConfigKey.duration("clusters.lock_wait", "30s", 1, DAY);
  public static final ConfigKey CLUSTERS_ROLE_CHECK_INTERVAL =
      ConfigKey.duration("clusters.role_check_interval", "5m", 0, DAY);
  public static final ConfigKey IMPORTS_ALLOWED_HOSTS = ConfigKey.list("imports.allowed_hosts");
  public static final ConfigKey IMPORTS_RATE_BURST =
      ConfigKey.number("imports.rate_burst", SourcePolicy.DEFAULT_BURST, 1, 1_000_000);
  public static final ConfigKey IMPORTS_RATE_REFILL =
      ConfigKey.duration("imports.rate_refill", "1m", 1, DAY);
  public static final ConfigKey IMPORTS_FREE_SPACE_RESERVE =
      ConfigKey.bytes("imports.free_space_reserve", "0", 0, Long.MAX_VALUE);
  public static final ConfigKey DEPLOYMENTS_LEASE_TTL =
      ConfigKey.duration("deployments.lease_ttl", "15s", 2 * SECOND, 3600 * SECOND);
  public static final ConfigKey DEPLOYMENTS_LEASE_RENEW_INTERVAL =
      ConfigKey.duration("deployments.lease_renew_interval", "5s", SECOND, 1800 * SECOND);
  public static final ConfigKey FIRST_ACCOUNT_FILE = ConfigKey.optional("first_account_file", PATH);
  public static final ConfigKey DRAIN_TIMEOUT =
      ConfigKey.duration("drain_timeout", "30s", SECOND, 3600 * SECOND);

  /** Every key, in the order of the reference in docs/operations.md. */
  static final List<ConfigKey> KEYS =
      List.of(
          METADATA_URL,
          METADATA_USER,
          METADATA_PASSWORD,
          METADATA_POOL_SIZE,
          SECRET_KEY,
          HTTP_BIND,
          HTTP_PORT,
          HTTP_TLS_KEYSTORE,
          HTTP_TLS_KEYSTORE_PASSWORD,
          QUERY_LOG_RETENTION,
          CLUSTERS_CA_FILE,
          CLUSTERS_LOCK_WAIT,
          CLUSTERS_ROLE_CHECK_INTERVAL,
          IMPORTS_ALLOWED_HOSTS,
          IMPORTS_RATE_BURST,
          IMPORTS_RATE_REFILL,
          IMPORTS_FREE_SPACE_RESERVE,
          DEPLOYMENTS_LEASE_TTL,
          DEPLOYMENTS_LEASE_RENEW_INTERVAL,
          FIRST_ACCOUNT_FILE,
          DRAIN_TIMEOUT);

  /**
   * Reads and checks {@code file} with the overrides in {@code env}.
   *
   * @throws ConfigException naming the first key that is unknown, missing or out of range
   */
  static AdminServeConfig load(Path file, Map<String, String> env) {
    return from(ConfigFile.read(file, ENV_PREFIX, KEYS, env));
  }

  /**
   * Checks the values a program gives ({@code tdb up}'s options) as those of a file: every other
   * key has its default.
   *
   * @throws ConfigException naming the first key that is missing or out of range, and the option
   *     its value came from
   */
  public static AdminServeConfig given(GivenValues values) {
    return from(ConfigFile.given(ENV_PREFIX, KEYS, values));
  }

  private static AdminServeConfig from(ConfigFile config) {
    String url = config.required(METADATA_URL);
    if (!url.startsWith("jdbc:postgresql:")) {
      throw config.invalid(
          METADATA_URL, "must be a pgjdbc URL (jdbc:postgresql://HOST:PORT/DATABASE)");
    }
    SecretKey key;
    try {
      key = SecretKey.parse(config.secret(SECRET_KEY).orElseThrow());
    } catch (IllegalArgumentException e) {
      throw config.invalid(SECRET_KEY, "is not a 32-byte key in base64 (openssl rand -base64 32)");
    }
    AdminConfig admin =
        AdminConfig.builder(
                url,
                config.required(METADATA_USER),
                config.secret(METADATA_PASSWORD).orElseThrow(),
                key)
            .listen(config.required(HTTP_BIND), (int) config.number(HTTP_PORT))
            .poolSize((int) config.number(METADATA_POOL_SIZE))
            .queryLogRetention(config.duration(QUERY_LOG_RETENTION))
            .importFreeSpaceReserve(config.bytes(IMPORTS_FREE_SPACE_RESERVE))
            .roleCheckInterval(config.duration(CLUSTERS_ROLE_CHECK_INTERVAL))
            .lockWait(config.duration(CLUSTERS_LOCK_WAIT))
            .sourcePolicy(sourcePolicy(config))
            .deploymentLease(deploymentLease(config))
            .build();
    Optional<Path> ca = config.path(CLUSTERS_CA_FILE);
    if (ca.isPresent()) {
      admin = admin.toBuilder().clusterCa(ca.get()).build();
    }
    Optional<Path> keyStore = config.path(HTTP_TLS_KEYSTORE);
    if (keyStore.isPresent()) {
      String password =
          config
              .secret(HTTP_TLS_KEYSTORE_PASSWORD)
              .orElseThrow(
                  () ->
                      config.invalid(
                          HTTP_TLS_KEYSTORE_PASSWORD,
                          "is required with http.tls.keystore (the PKCS#12 store's password)"));
      admin = admin.toBuilder().tls(new AdminTls(keyStore.get(), password)).build();
    }
    return new AdminServeConfig(
        admin, config.duration(DRAIN_TIMEOUT), config.path(FIRST_ACCOUNT_FILE));
  }

  /**
   * A warning when the REST API serves plain HTTP beyond loopback, where account secrets and API
   * keys, sent with every request, would cross the network in clear.
   */
  Optional<String> plainHttpWarning() {
    if (admin.tls().isPresent() || isLoopback(admin.bindHost())) {
      return Optional.empty();
    }
    return Optional.of(
        "warning: plain HTTP on "
            + admin.bindHost()
            + ": credentials cross the network in clear; set http.tls.keystore, or bind to"
            + " 127.0.0.1 behind a TLS-terminating proxy");
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static DeploymentLease deploymentLease(ConfigFile config) {
    Duration ttl = config.duration(DEPLOYMENTS_LEASE_TTL);
    Duration renew = config.duration(DEPLOYMENTS_LEASE_RENEW_INTERVAL);
    if (ttl.compareTo(renew.multipliedBy(2)) < 0) {
      throw config.invalid(
          DEPLOYMENTS_LEASE_TTL,
          "must be at least twice deployments.lease_renew_interval: one late renewal would hand a"
              + " live deployment to a peer");
    }
    return new DeploymentLease(ttl, renew);
  }

  private static SourcePolicy sourcePolicy(ConfigFile config) {
    List<String> hosts = config.list(IMPORTS_ALLOWED_HOSTS);
    try {
      return SourcePolicy.allowing(hosts)
          .withRate((int) config.number(IMPORTS_RATE_BURST), config.duration(IMPORTS_RATE_REFILL));
    } catch (IllegalArgumentException e) {
      throw config.invalid(IMPORTS_ALLOWED_HOSTS, "is not a list of hosts: " + e.getMessage());
    }
  }
}
