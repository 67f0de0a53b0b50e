/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static dev.tdb.cli.serve.ConfigKey.Type.PATH;
import static dev.tdb.cli.serve.ConfigKey.Type.SECRET;
import static dev.tdb.cli.serve.ConfigKey.Type.STRING;

import dev.tdb.proxy.ProxyConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of {@code tdb proxy serve}: its YAML keys and how they map onto {@link
 * ProxyConfig}. Read once at start; the running proxy never reads it again.
 *
 * @param proxy the proxy's configuration
 * @param drainTimeout how long SIGTERM lets running statements finish before it cancels them
 */
public record ProxyServeConfig(ProxyConfig proxy, Duration drainTimeout) {
  static final String ENV_PREFIX = "TDB_PROXY_";
  private static final long SECOND = 1000;
  private static final long DAY = 86_400_000;

  public static final ConfigKey LISTEN_HOST = ConfigKey.text("listen.host", "127.0.0.1");
  public static final ConfigKey LISTEN_PORT = ConfigKey.number("listen.port", 6543, 0, 65535);
  public static final ConfigKey ADMIN_URL = ConfigKey.required("admin.url", STRING);
  public static final ConfigKey ADMIN_API_KEY = ConfigKey.required("admin.api_key", SECRET);
  public static final ConfigKey ADMIN_CA_FILE = ConfigKey.optional("admin.ca_file", PATH);
  public static final ConfigKey ADMIN_TIMEOUT =
      ConfigKey.duration("admin.timeout", "2s", 1, 60 * SECOND);
  public static final ConfigKey ADMIN_CACHE_ROUTE_REFRESH =
      ConfigKey.duration("admin.cache.route_refresh_after", "5s", 1, DAY);
  public static final ConfigKey ADMIN_CACHE_VERIFIER_TTL =
      ConfigKey.duration("admin.cache.verifier_ttl", "5s", 1, DAY);
  public static final ConfigKey ADMIN_CACHE_MAX_STALENESS =
      ConfigKey.duration("admin.cache.max_staleness", "5m", 1, 30 * DAY);
  public static final ConfigKey TLS_MODE =
      ConfigKey.choice("tls.mode", "required", List.of("disabled", "allowed", "required"));
  public static final ConfigKey TLS_CERTIFICATE = ConfigKey.optional("tls.certificate", PATH);
  public static final ConfigKey TLS_KEY = ConfigKey.optional("tls.key", PATH);
  public static final ConfigKey TLS_DIRECTORY = ConfigKey.optional("tls.directory", PATH);
  public static final ConfigKey SERVER_CA_FILE = ConfigKey.optional("server_ca_file", PATH);
  public static final ConfigKey MAX_MESSAGE_BYTES =
      ConfigKey.bytes(
          "max_message_bytes",
          Integer.toString(ProxyConfig.POSTGRES_MAX_MESSAGE_BYTES),
          1024,
          ProxyConfig.POSTGRES_MAX_MESSAGE_BYTES);
  public static final ConfigKey AUTH_TIMEOUT =
      ConfigKey.duration("authentication.timeout", "60s", 1, 3600 * SECOND);
  public static final ConfigKey AUTH_MAX_PENDING =
      ConfigKey.number("authentication.max_pending", 256, 1, 100_000);
  public static final ConfigKey QUERY_LOG_ENABLED = ConfigKey.bool("query_log.enabled", true);
  public static final ConfigKey QUERY_LOG_SQL_LENGTH =
      ConfigKey.number("query_log.sql_length", 2000, 0, 1_000_000);
  public static final ConfigKey QUERY_LOG_FILE = ConfigKey.optional("query_log.file", PATH);
  public static final ConfigKey QUERY_LOG_CAPACITY =
      ConfigKey.number("query_log.capacity", 10_000, 1, 10_000_000);
  public static final ConfigKey QUERY_LOG_FLUSH_INTERVAL =
      ConfigKey.duration("query_log.flush_interval", "1s", 1, 3600 * SECOND);
  public static final ConfigKey STATEMENT_STATS_ENABLED =
      ConfigKey.bool("statement_stats.enabled", true);
  public static final ConfigKey STATEMENT_STATS_FLUSH_INTERVAL =
      ConfigKey.duration("statement_stats.flush_interval", "5s", 1, 3600 * SECOND);
  public static final ConfigKey STATEMENT_STATS_MAX_STATEMENTS =
      ConfigKey.number("statement_stats.max_statements", 1000, 1, 1_000_000);
  public static final ConfigKey MANAGEMENT_ENABLED = ConfigKey.bool("management.enabled", true);
  public static final ConfigKey MANAGEMENT_HOST = ConfigKey.text("management.host", "127.0.0.1");
  public static final ConfigKey MANAGEMENT_PORT =
      ConfigKey.number("management.port", 9543, 0, 65535);
  public static final ConfigKey MANAGEMENT_TENANT_TAG_LIMIT =
      ConfigKey.number("management.tenant_tag_limit", 100, 0, 100_000);
  public static final ConfigKey POOL_CLUSTER_MAX_SERVER_CONNECTIONS =
      ConfigKey.number(
          "pool.cluster_max_server_connections",
          ProxyConfig.Pool.DEFAULT_CLUSTER_MAX_SERVER_CONNECTIONS,
          1,
          100_000);
  public static final ConfigKey POOL_QUEUE_TIMEOUT =
      ConfigKey.duration("pool.queue_timeout", "30s", 1, 3600 * SECOND);
  public static final ConfigKey POOL_IDLE_TIMEOUT =
      ConfigKey.duration("pool.idle_timeout", "10m", 1, 24 * 3600 * SECOND);
  public static final ConfigKey POOL_PREPARED_STATEMENT_CACHE_SIZE =
      ConfigKey.number(
          "pool.prepared_statement_cache_size",
          ProxyConfig.Pool.DEFAULT_PREPARED_STATEMENT_CACHE_SIZE,
          1,
          100_000);
  public static final ConfigKey DRAIN_TIMEOUT =
      ConfigKey.duration("drain_timeout", "10s", SECOND, 3600 * SECOND);

  /** Every key, in the order of the reference in docs/operations.md. */
  static final List<ConfigKey> KEYS =
      List.of(
          LISTEN_HOST,
          LISTEN_PORT,
          ADMIN_URL,
          ADMIN_API_KEY,
          ADMIN_CA_FILE,
          ADMIN_TIMEOUT,
          ADMIN_CACHE_ROUTE_REFRESH,
          ADMIN_CACHE_VERIFIER_TTL,
          ADMIN_CACHE_MAX_STALENESS,
          TLS_MODE,
          TLS_CERTIFICATE,
          TLS_KEY,
          TLS_DIRECTORY,
          SERVER_CA_FILE,
          MAX_MESSAGE_BYTES,
          AUTH_TIMEOUT,
          AUTH_MAX_PENDING,
          QUERY_LOG_ENABLED,
          QUERY_LOG_SQL_LENGTH,
          QUERY_LOG_FILE,
          QUERY_LOG_CAPACITY,
          QUERY_LOG_FLUSH_INTERVAL,
          STATEMENT_STATS_ENABLED,
          STATEMENT_STATS_FLUSH_INTERVAL,
          STATEMENT_STATS_MAX_STATEMENTS,
          MANAGEMENT_ENABLED,
          MANAGEMENT_HOST,
          MANAGEMENT_PORT,
          MANAGEMENT_TENANT_TAG_LIMIT,
          POOL_CLUSTER_MAX_SERVER_CONNECTIONS,
          POOL_QUEUE_TIMEOUT,
          POOL_IDLE_TIMEOUT,
          POOL_PREPARED_STATEMENT_CACHE_SIZE,
          DRAIN_TIMEOUT);

  /**
   * Reads and checks {@code file} with the overrides in {@code env}.
   *
   * @throws ConfigException naming the first key that is unknown, missing or out of range
   */
  static ProxyServeConfig load(Path file, Map<String, String> env) {
    return from(ConfigFile.read(file, ENV_PREFIX, KEYS, env));
  }

  /**
   * Checks the values a program gives ({@code tdb up}'s options) as those of a file: every other
   * key has its default.
   *
   * @throws ConfigException naming the first key that is missing or out of range, and the option
   *     its value came from
   */
  public static ProxyServeConfig given(GivenValues values) {
    return from(ConfigFile.given(ENV_PREFIX, KEYS, values));
  }

  private static ProxyServeConfig from(ConfigFile config) {
    ProxyConfig proxy =
        new ProxyConfig(
            config.required(LISTEN_HOST),
            (int) config.number(LISTEN_PORT),
            adminUri(config),
            config.secret(ADMIN_API_KEY).orElseThrow(),
            config.path(ADMIN_CA_FILE).map(PemTrust::sslContext),
            tls(config),
            (int) config.bytes(MAX_MESSAGE_BYTES),
            queryLog(config),
            adminCache(config),
            config.path(SERVER_CA_FILE),
            new ProxyConfig.Authentication(
                config.duration(AUTH_TIMEOUT), (int) config.number(AUTH_MAX_PENDING)),
            config.duration(ADMIN_TIMEOUT),
            new ProxyConfig.Management(
                config.bool(MANAGEMENT_ENABLED),
                config.required(MANAGEMENT_HOST),
                (int) config.number(MANAGEMENT_PORT),
                (int) config.number(MANAGEMENT_TENANT_TAG_LIMIT)),
            new ProxyConfig.Pool(
                (int) config.number(POOL_CLUSTER_MAX_SERVER_CONNECTIONS),
                config.duration(POOL_QUEUE_TIMEOUT),
                config.duration(POOL_IDLE_TIMEOUT),
                (int) config.number(POOL_PREPARED_STATEMENT_CACHE_SIZE)));
    return new ProxyServeConfig(proxy, config.duration(DRAIN_TIMEOUT));
  }

  private static URI adminUri(ConfigFile config) {
    String text = config.required(ADMIN_URL);
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // Reported below with the key and line.
    }
    throw config.invalid(ADMIN_URL, "must be an http:// or https:// URL, got '" + text + "'");
  }

  private static ProxyConfig.Tls tls(ConfigFile config) {
    ProxyConfig.TlsMode mode =
        ProxyConfig.TlsMode.valueOf(config.choice(TLS_MODE).toUpperCase(Locale.ROOT));
    Optional<Path> certificate = config.path(TLS_CERTIFICATE);
    Optional<Path> key = config.path(TLS_KEY);
    if (certificate.isPresent() != key.isPresent()) {
      throw config.invalid(
          certificate.isPresent() ? TLS_KEY : TLS_CERTIFICATE,
          "is required with " + (certificate.isPresent() ? "tls.certificate" : "tls.key"));
    }
    if (mode == ProxyConfig.TlsMode.DISABLED) {
      return ProxyConfig.Tls.disabled();
    }
    if (certificate.isPresent()) {
      return ProxyConfig.Tls.pem(certificate.get(), key.get(), mode);
    }
    return ProxyConfig.Tls.generated(
        config
            .path(TLS_DIRECTORY)
            .orElseThrow(
                () ->
                    config.invalid(
                        TLS_MODE,
                        "needs tls.certificate and tls.key (PEM files), or tls.directory for a"
                            + " generated certificate, or tls.mode: disabled")),
        mode);
  }

  private static ProxyConfig.QueryLog queryLog(ConfigFile config) {
    ProxyConfig.QueryLog log =
        new ProxyConfig.QueryLog(
            config.bool(QUERY_LOG_ENABLED),
            (int) config.number(QUERY_LOG_SQL_LENGTH),
            config.path(QUERY_LOG_FILE),
            (int) config.number(QUERY_LOG_CAPACITY),
            config.duration(QUERY_LOG_FLUSH_INTERVAL),
            new ProxyConfig.Statistics(
                config.bool(STATEMENT_STATS_ENABLED),
                config.duration(STATEMENT_STATS_FLUSH_INTERVAL),
                (int) config.number(STATEMENT_STATS_MAX_STATEMENTS)));
    return log;
  }

  private static ProxyConfig.AdminCache adminCache(ConfigFile config) {
    Duration refresh = config.duration(ADMIN_CACHE_ROUTE_REFRESH);
    Duration ttl = config.duration(ADMIN_CACHE_VERIFIER_TTL);
    Duration staleness = config.duration(ADMIN_CACHE_MAX_STALENESS);
    if (staleness.compareTo(refresh) < 0 || staleness.compareTo(ttl) < 0) {
      throw config.invalid(
          ADMIN_CACHE_MAX_STALENESS,
          "must not be shorter than admin.cache.route_refresh_after or admin.cache.verifier_ttl");
    }
    return new ProxyConfig.AdminCache(refresh, ttl, staleness);
  }
}
