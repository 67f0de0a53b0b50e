/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy;

import dev.tdb.proxy.internal.tls.ProxyTls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the proxy listens and reaches the admin service. Immutable; {@code with*} return copies.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param adminUri the admin service's base URI
 * @param adminApiKey an API key of an admin account (the proxy endpoints answer admins only); never
 *     shown by {@link #toString()}
 * @param adminTls the trust for an {@code https} admin URI, or empty for the JVM's
 * @param tls the proxy's own TLS towards clients
 * @param maxMessageBytes the largest protocol message accepted in either direction once the client
 *     has authenticated (before that, the fixed limits of {@link Authentication} apply)
 * @param queryLog the query log of statements relayed
 * @param adminCache how long answers of the admin service are reused
 * @param serverCa PEM certificates trusted for servers with {@code ssl_mode} {@code verify-ca} or
 *     {@code verify-full}, or empty for the JVM's default trust store
 * @param authentication the bounds on clients that have not authenticated yet
 * @param adminTimeout how long one request to the admin service that a connecting client waits for
 *     (a verifier or a route) may take, connecting included
 * @param management the management port ({@code /metrics}, {@code /healthz}, {@code /readyz}) and
 *     the metrics' cardinality bound
 * @param pool the bounds and timeouts of the server connection pool
 */
public record ProxyConfig(
    String host,
    int port,
    URI adminUri,
    String adminApiKey,
    Optional<SSLContext> adminTls,
    Tls tls,
    int maxMessageBytes,
    QueryLog queryLog,
    AdminCache adminCache,
    Optional<Path> serverCa,
    Authentication authentication,
    Duration adminTimeout,
    Management management,
    Pool pool) {
  /** PostgreSQL's own limit for one message: 1 GiB less one byte. */
  public static final int POSTGRES_MAX_MESSAGE_BYTES = 0x3fffffff;

  /** How long one post of the query log to the admin service may take. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

  /** The default of {@link #adminTimeout}. */
  public static final Duration DEFAULT_ADMIN_TIMEOUT = Duration.ofSeconds(2);

  /** Validates the values. */
  public ProxyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(adminUri, "adminUri");
    Objects.requireNonNull(adminApiKey, "adminApiKey");
    Objects.requireNonNull(adminTls, "adminTls");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(queryLog, "queryLog");
    Objects.requireNonNull(adminCache, "adminCache");
    Objects.requireNonNull(serverCa, "serverCa");
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(adminTimeout, "adminTimeout");
    Objects.requireNonNull(management, "management");
    Objects.requireNonNull(pool, "pool");
    if (adminTimeout.isNegative() || adminTimeout.isZero()) {
      throw new IllegalArgumentException("adminTimeout must be positive: " + adminTimeout);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    if (maxMessageBytes < 1024 || maxMessageBytes > POSTGRES_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "maxMessageBytes must be 1024 to " + POSTGRES_MAX_MESSAGE_BYTES);
    }
  }

  /**
   * A proxy on {@code host:port} with a certificate signed by a local CA, both kept in {@code
   * tlsDirectory}, and every other value at its default ({@link #builder}).
   */
  public static ProxyConfig of(
      String host, int port, URI adminUri, String adminApiKey, Path tlsDirectory) {
    return builder(host, port, adminUri, adminApiKey, tlsDirectory).build();
  }

  /**
   * A builder for a proxy on {@code host:port} with the defaults: TLS allowed with a certificate
   * signed by a local CA kept in {@code tlsDirectory}, the JVM's trust for the admin service and
   * the clusters, PostgreSQL's message size limit, the query log off, {@link
   * AdminCache#defaults()}, {@link Authentication#defaults()}, {@link #DEFAULT_ADMIN_TIMEOUT}, the
   * management port off and {@link Pool#defaults()}.
   */
  public static Builder builder(
      String host, int port, URI adminUri, String adminApiKey, Path tlsDirectory) {
    return new Builder(host, port, adminUri, adminApiKey)
        .tls(Tls.generated(tlsDirectory, TlsMode.ALLOWED));
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    return new Builder(host, port, adminUri, adminApiKey)
        .adminTls(adminTls.orElse(null))
        .tls(tls)
        .maxMessageBytes(maxMessageBytes)
        .queryLog(queryLog)
        .adminCache(adminCache)
        .serverCa(serverCa.orElse(null))
        .authentication(authentication)
        .adminTimeout(adminTimeout)
        .management(management)
        .pool(pool);
  }

  /** Collects a {@link ProxyConfig}; {@link #build()} checks it. Not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final URI adminUri;
    private final String adminApiKey;
    private SSLContext adminTls;
    private Tls tls;
    private int maxMessageBytes = POSTGRES_MAX_MESSAGE_BYTES;
    private QueryLog queryLog = QueryLog.off();
    private AdminCache adminCache = AdminCache.defaults();
    private Path serverCa;
    private Authentication authentication = Authentication.defaults();
    private Duration adminTimeout = DEFAULT_ADMIN_TIMEOUT;
    private Management management = Management.off();
    private Pool pool = Pool.defaults();

    private Builder(String host, int port, URI adminUri, String adminApiKey) {
      this.host = host;
      this.port = port;
      this.adminUri = adminUri;
      this.adminApiKey = adminApiKey;
    }

    /** Trusts an {@code https} admin service with {@code context}; null for the JVM's default. */
    public Builder adminTls(SSLContext context) {
      this.adminTls = context;
      return this;
    }

    /** How clients may or must use TLS, and with which certificate. */
    public Builder tls(Tls value) {
      this.tls = value;
      return this;
    }

    /** The largest message a client may send after authenticating. */
    public Builder maxMessageBytes(int value) {
      this.maxMessageBytes = value;
      return this;
    }

    /** The per-statement log and the statement statistics. */
    public Builder queryLog(QueryLog value) {
      this.queryLog = value;
      return this;
    }

    /** How long the admin service's answers are trusted. */
    public Builder adminCache(AdminCache value) {
      this.adminCache = value;
      return this;
    }

    /** Trusts the PEM certificates in {@code caFile} for clusters; null for the JVM's default. */
    public Builder serverCa(Path caFile) {
      this.serverCa = caFile;
      return this;
    }

    /** The bounds on clients that have not authenticated yet. */
    public Builder authentication(Authentication value) {
      this.authentication = value;
      return this;
    }

    /** How long one request to the admin service that a connecting client waits for may take. */
    public Builder adminTimeout(Duration value) {
      this.adminTimeout = value;
      return this;
    }

    /** The management port and the metrics' cardinality bound. */
    public Builder management(Management value) {
      this.management = value;
      return this;
    }

    /** The server connection pool's bounds and timeouts. */
    public Builder pool(Pool value) {
      this.pool = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the invalid value
     * @throws NullPointerException naming a missing value
     */
    public ProxyConfig build() {
      return new ProxyConfig(
          host,
          port,
          adminUri,
          adminApiKey,
          Optional.ofNullable(adminTls),
          tls,
          maxMessageBytes,
          queryLog,
          adminCache,
          Optional.ofNullable(serverCa),
          authentication,
          adminTimeout,
          management,
          pool);
    }
  }

  /**
   * What the proxy records about the statements it relays: statement statistics (on by default),
   * and the per-statement log: one event per statement ({@code dev.tdb.core.log.QueryEvent}), sent
   * in batches to the admin service and, when a file is given, appended to it as JSON lines. Bind
   * parameters are never logged.
   *
   * @param enabled whether statements are logged one by one at all
   * @param sqlLength characters of SQL text kept; longer text is cut and ends with {@code ...}
   * @param file a file to append JSON lines to, or empty
   * @param capacity events buffered at most; when the buffer is full, events are dropped and
   *     counted
   * @param flushInterval how long an event waits at most before it is sent
   * @param statistics the statement statistics
   */
  public record QueryLog(
      boolean enabled,
      int sqlLength,
      Optional<Path> file,
      int capacity,
      Duration flushInterval,
      Statistics statistics) {
    /** The default of {@link #sqlLength}, as the driver's {@code queryLogSqlLength}. */
    public static final int DEFAULT_SQL_LENGTH = 2000;

    /** The default of {@link #capacity}. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** Checks the values. */
    public QueryLog {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(flushInterval, "flushInterval");
      Objects.requireNonNull(statistics, "statistics");
      if (sqlLength < 0 || capacity < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
        throw new IllegalArgumentException(
            "the query log needs sqlLength >= 0, capacity >= 1 and a positive flush interval");
      }
    }

    /** No per-statement log; statement statistics as {@link Statistics#defaults()}. */
    public static QueryLog off() {
      return new QueryLog(
          false,
          DEFAULT_SQL_LENGTH,
          Optional.empty(),
          DEFAULT_CAPACITY,
          Duration.ofSeconds(1),
          Statistics.defaults());
    }

    /** The per-statement log sent to the admin service every second, SQL cut to 2000 characters. */
    public static QueryLog on() {
      return new QueryLog(
          true,
          DEFAULT_SQL_LENGTH,
          Optional.empty(),
          DEFAULT_CAPACITY,
          Duration.ofSeconds(1),
          Statistics.defaults());
    }

    /** A copy that keeps {@code value} characters of SQL text. */
    public QueryLog withSqlLength(int value) {
      return new QueryLog(enabled, value, file, capacity, flushInterval, statistics);
    }

    /** A copy that also appends JSON lines to {@code value}. */
    public QueryLog withFile(Path value) {
      return new QueryLog(
          enabled, sqlLength, Optional.of(value), capacity, flushInterval, statistics);
    }

    /** A copy that sends at least every {@code value}. */
    public QueryLog withFlushInterval(Duration value) {
      return new QueryLog(enabled, sqlLength, file, capacity, value, statistics);
    }

    /** A copy with other statement statistics. */
    public QueryLog withStatistics(Statistics value) {
      return new QueryLog(enabled, sqlLength, file, capacity, flushInterval, value);
    }
  }

  /**
   * Statement statistics: per logical database and normalized statement, calls, rows, total and
   * longest time and errors by SQLSTATE, counted on each event loop and sent to the admin service
   * in one request per flush (docs/operations.md, "Statement statistics").
   *
   * @param enabled whether statements are counted
   * @param flushInterval how often the counts are sent
   * @param maxStatements distinct statements kept per logical database and window; the calls of
   *     further statements go to the database's "other" bucket and are counted in the metric {@code
   *     tdb_proxy_statement_stats_overflow_total}
   */
  public record Statistics(boolean enabled, Duration flushInterval, int maxStatements) {
    /** The default of {@link #flushInterval}. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

    /** The default of {@link #maxStatements}. */
    public static final int DEFAULT_MAX_STATEMENTS = 1000;

    /** Checks the values. */
    public Statistics {
      Objects.requireNonNull(flushInterval, "flushInterval");
      if (flushInterval.isNegative() || flushInterval.isZero() || maxStatements < 1) {
        throw new IllegalArgumentException(
            "statement statistics need a positive flush interval and maxStatements >= 1");
      }
    }

    /** On, sent every 5 s, 1000 statements per database. */
    public static Statistics defaults() {
      return new Statistics(true, DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_STATEMENTS);
    }

    /** No statement statistics. */
    public static Statistics off() {
      return new Statistics(false, DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_STATEMENTS);
    }

    /** A copy sent every {@code value}. */
    public Statistics withFlushInterval(Duration value) {
      return new Statistics(enabled, value, maxStatements);
    }

    /** A copy keeping {@code value} statements per database. */
    public Statistics withMaxStatements(int value) {
      return new Statistics(enabled, flushInterval, value);
    }
  }

  /**
   * How long the proxy reuses what the admin service told it.
   *
   * @param routeRefreshAfter age after which a routing entry is revalidated in the background (the
   *     connect that notices it does not wait)
   * @param verifierTtl age after which an account's SCRAM verifier is revalidated in the background
   *     (the connect that notices it does not wait): a changed or revoked secret takes effect for
   *     connects after this time plus one admin round trip
   * @param maxStaleness how long routing entries and verifiers the admin service confirmed keep
   *     being used while it cannot be reached
   */
  public record AdminCache(
      Duration routeRefreshAfter, Duration verifierTtl, Duration maxStaleness) {
    /** Checks that every time is positive and the staleness covers the other two. */
    public AdminCache {
      for (Duration value : new Duration[] {routeRefreshAfter, verifierTtl, maxStaleness}) {
        if (value == null || value.isNegative() || value.isZero()) {
          throw new IllegalArgumentException("admin cache times must be positive: " + value);
        }
      }
      if (maxStaleness.compareTo(routeRefreshAfter) < 0
          || maxStaleness.compareTo(verifierTtl) < 0) {
        throw new IllegalArgumentException(
            "maxStaleness must not be shorter than routeRefreshAfter or verifierTtl");
      }
    }

    /** 5 s for routes and verifiers, served for 5 min while the admin service is down. */
    public static AdminCache defaults() {
      return new AdminCache(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(5));
    }
  }

  /**
   * Bounds on client connections before they authenticate, as PostgreSQL's {@code
   * authentication_timeout} and {@code max_connections} bound them. Messages before authentication
   * have fixed limits of their own, as in PostgreSQL: 10 000 bytes for a startup packet, 65 535 for
   * a SASL message (docs/proxy.md).
   *
   * @param timeout how long a connection may take from its first byte to a successful SCRAM
   *     exchange; then it is closed (PostgreSQL's {@code authentication_timeout})
   * @param maxPending how many connections may be unauthenticated at once; a connection past this
   *     gets {@code 53300 sorry, too many clients already} after its startup packet, and one past
   *     twice this is closed at once
   */
  public record Authentication(Duration timeout, int maxPending) {
    /** The default of {@link #timeout}, PostgreSQL's default {@code authentication_timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The default of {@link #maxPending}. */
    public static final int DEFAULT_MAX_PENDING = 256;

    /** Checks the values. */
    public Authentication {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || maxPending < 1) {
        throw new IllegalArgumentException(
            "the authentication timeout must be positive and maxPending at least 1");
      }
    }

    /** 60 s and 256 connections. */
    public static Authentication defaults() {
      return new Authentication(DEFAULT_TIMEOUT, DEFAULT_MAX_PENDING);
    }
  }

  /**
   * The management port: {@code GET /metrics} (Prometheus), {@code /healthz} and {@code /readyz},
   * over plain HTTP without authentication, so bind it to an address only the monitoring reaches.
   * Off by default: a proxy embedded in another program opens no second port unless asked; {@code
   * tdb up} turns it on. Metrics are recorded either way.
   *
   * @param enabled whether the port is opened
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param tenantTagLimit how many tenants the connection gauges tag by name; once more have
   *     connected, they are summed per workspace ({@code tenant="*"})
   */
  public record Management(boolean enabled, String host, int port, int tenantTagLimit) {
    /** The default of {@link #tenantTagLimit}. */
    public static final int DEFAULT_TENANT_TAG_LIMIT = 100;

    /** The liveness probe's path: 200 while the process runs. */
    public static final String HEALTH_PATH = "/healthz";

    /** The readiness probe's path: 200 while routes can be served, else 503. */
    public static final String READY_PATH = "/readyz";

    /** Checks the values. */
    public Management {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535 || tenantTagLimit < 0) {
        throw new IllegalArgumentException(
            "the management port must be 0 to 65535 and tenantTagLimit at least 0");
      }
    }

    /** No management port; tenants tagged up to the default limit. */
    public static Management off() {
      return new Management(false, "127.0.0.1", 0, DEFAULT_TENANT_TAG_LIMIT);
    }

    /** The management port on {@code host:port}. */
    public static Management on(String host, int port) {
      return new Management(true, host, port, DEFAULT_TENANT_TAG_LIMIT);
    }
  }

  /** Whether clients may or must use TLS. */
  public enum TlsMode {
    /** SSLRequest is answered 'N'. */
    DISABLED,
    /** Clients choose. */
    ALLOWED,
    /** A StartupMessage without TLS is refused (28000). */
    REQUIRED
  }

  /**
   * The proxy's TLS towards clients: PEM files, or a local CA and the certificate it signs, kept in
   * a directory.
   *
   * @param mode whether clients may or must use TLS
   * @param certificate the PEM certificate chain, or null for a generated one
   * @param key the PEM PKCS#8 key, or null for a generated one
   * @param directory where the CA and certificate are generated and kept, or null with PEM files
   */
  public record Tls(TlsMode mode, Path certificate, Path key, Path directory) {
    /** Checks that the files fit the mode. */
    public Tls {
      Objects.requireNonNull(mode, "mode");
      boolean pem = certificate != null && key != null;
      if (mode != TlsMode.DISABLED && !pem && directory == null) {
        throw new IllegalArgumentException(
            "TLS needs a certificate and key, or a directory for a generated one");
      }
    }

    /** No TLS. */
    public static Tls disabled() {
      return new Tls(TlsMode.DISABLED, null, null, null);
    }

    /**
     * A local CA and a certificate it signs for the listen host, {@code localhost} and the loopback
     * addresses, generated on first start and kept in {@code directory}.
     */
    public static Tls generated(Path directory, TlsMode mode) {
      return new Tls(mode, null, null, directory);
    }

    /**
     * The PEM file of the local CA that signs the generated certificate, which clients name as
     * {@code sslrootcert}; empty with PEM files or without TLS.
     */
    public Optional<Path> certificateAuthority() {
      if (mode == TlsMode.DISABLED || certificate != null) {
        return Optional.empty();
      }
      return Optional.of(directory.resolve(ProxyTls.CA_CERTIFICATE_FILE));
    }

    /** A certificate chain and key from PEM files. */
    public static Tls pem(Path certificate, Path key, TlsMode mode) {
      return new Tls(mode, certificate, key, null);
    }
  }

  /** Everything but the API key. */

  /**
   * The server connection pool. Each logical database has at most its workspace's {@code
   * max_connections} server connections; these bound the rest.
   *
   * @param clusterMaxServerConnections server connections per cluster at most, over all its
   *     databases; keep it below the cluster's {@code max_connections} less what the admin service
   *     and superusers need
   * @param queueTimeout how long a client waits for a server connection before it gets {@code
   *     53300}
   * @param idleTimeout how long a server connection stays open unused in the pool
   * @param preparedStatementCacheSize named statements the proxy keeps prepared per server
   *     connection for transaction-mode clients, the least recently used closed beyond
   */
  public record Pool(
      int clusterMaxServerConnections,
      Duration queueTimeout,
      Duration idleTimeout,
      int preparedStatementCacheSize) {
    /** The default of {@link #clusterMaxServerConnections}: PostgreSQL's 100 less a reserve. */
    public static final int DEFAULT_CLUSTER_MAX_SERVER_CONNECTIONS = 80;

    /** The default of {@link #preparedStatementCacheSize}. */
    public static final int DEFAULT_PREPARED_STATEMENT_CACHE_SIZE = 100;

    /** Validates the values. */
    public Pool {
      if (clusterMaxServerConnections < 1) {
        throw new IllegalArgumentException(
            "clusterMaxServerConnections must be at least 1, got " + clusterMaxServerConnections);
      }
      if (preparedStatementCacheSize < 1) {
        throw new IllegalArgumentException(
            "preparedStatementCacheSize must be at least 1, got " + preparedStatementCacheSize);
      }
      for (Duration value : new Duration[] {queueTimeout, idleTimeout}) {
        if (value.isNegative() || value.isZero()) {
          throw new IllegalArgumentException("pool timeouts must be positive: " + value);
        }
      }
    }

    /**
     * 80 server connections per cluster, 30 s in the queue, 10 min idle, 100 prepared statements
     * per connection.
     */
    public static Pool defaults() {
      return new Pool(
          DEFAULT_CLUSTER_MAX_SERVER_CONNECTIONS,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          DEFAULT_PREPARED_STATEMENT_CACHE_SIZE);
    }
  }

  @Override
  public String toString() {
    return "ProxyConfig[" + host + ":" + port + ", admin=" + adminUri + ", tls=" + tls.mode() + "]";
  }
}
