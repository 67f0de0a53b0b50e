/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tdb.core.routing.RoutingException.Reason;
import dev.tdb.core.routing.internal.AdminHealth;
import dev.tdb.core.routing.internal.Lookup;
import dev.tdb.core.routing.internal.LookupExpiry;
import dev.tdb.core.routing.internal.RouteKey;
import dev.tdb.core.routing.internal.RoutingFetcher;
import dev.tdb.core.routing.internal.RoutingLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;

/**
 * Resolves logical database names to routing entries from the admin service, with a cache that
 * answers warm names without a network round trip and keeps serving the last known entry while the
 * admin service is unreachable. Thread-safe; share one instance per admin service and credentials.
 * The JDBC driver resolves for its own account ({@link #resolve}); the proxy, holding an admin API
 * key, resolves on behalf of the account each client authenticated as ({@link #resolveOnBehalfOf}).
 */
public final class RoutingClient implements AutoCloseable {
  private final AsyncLoadingCache<RouteKey, Lookup> cache;
  private final AdminHealth health;
  private volatile boolean closed;

  /**
   * What the cache did so far, for metrics.
   *
   * @param cacheHits resolves answered from the cache
   * @param cacheMisses resolves that waited for the admin service
   * @param staleServes resolves answered from the cache while the admin service's last answer was a
   *     failure (entries kept for up to the maximum staleness)
   * @param adminErrors requests to the admin service that failed: unreachable, credentials refused
   *     or an unusable answer
   * @param sinceAdminAnswered time since the admin service last answered usably, or empty if it
   *     never did
   */
  public record Statistics(
      long cacheHits,
      long cacheMisses,
      long staleServes,
      long adminErrors,
      Optional<Duration> sinceAdminAnswered) {}

  /**
   * How a client reaches the admin service and how long it trusts what it got.
   *
   * @param adminUri the admin service's base URI, {@code http} or {@code https}, without user info,
   *     query or fragment (credentials go in {@code credentials})
   * @param credentials the account or API key the requests carry
   * @param refreshAfter age after which a resolve triggers a background revalidation
   * @param maxStaleness how long after its last confirmation an entry is served while the admin
   *     service cannot be reached
   * @param negativeCacheTime how long an unknown name stays unknown without asking again
   * @param requestTimeout limit for connecting and for each request
   * @param sslContext the TLS context for {@code https}, or {@code null} for the JDK default
   * @param httpClient the client to send requests with, or {@code null} for one built from the
   *     other options; give either this or {@code sslContext}
   */
  public record Options(
      URI adminUri,
      AdminCredentials credentials,
      Duration refreshAfter,
      Duration maxStaleness,
      Duration negativeCacheTime,
      Duration requestTimeout,
      SSLContext sslContext,
      HttpClient httpClient) {

    /** Default {@link #refreshAfter}. */
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofSeconds(5);

    /** Default {@link #maxStaleness}. */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(5);

    /** Default {@link #negativeCacheTime}. */
    public static final Duration DEFAULT_NEGATIVE_CACHE_TIME = Duration.ofSeconds(2);

    /** Default {@link #requestTimeout}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Validates the URI and the durations. */
    public Options {
      Objects.requireNonNull(adminUri, "adminUri");
      Objects.requireNonNull(credentials, "credentials");
      checkAdminUri(adminUri);
      checkPositive("refreshAfter", refreshAfter);
      checkPositive("maxStaleness", maxStaleness);
      checkPositive("negativeCacheTime", negativeCacheTime);
      checkPositive("requestTimeout", requestTimeout);
      if (maxStaleness.compareTo(refreshAfter) < 0) {
        throw new IllegalArgumentException("maxStaleness must not be shorter than refreshAfter");
      }
      if (sslContext != null && httpClient != null) {
        throw new IllegalArgumentException(
            "give an SSLContext or an HttpClient, not both: the HttpClient brings its own");
      }
    }

    /** Options with every default, for the admin service at {@code adminUri}. */
    public static Options of(URI adminUri, AdminCredentials credentials) {
      return new Options(
          adminUri,
          credentials,
          DEFAULT_REFRESH_AFTER,
          DEFAULT_MAX_STALENESS,
          DEFAULT_NEGATIVE_CACHE_TIME,
          DEFAULT_REQUEST_TIMEOUT,
          null,
          null);
    }

    /** These options with another {@link #refreshAfter}. */
    public Options withRefreshAfter(Duration value) {
      return new Options(
          adminUri,
          credentials,
          value,
          maxStaleness,
          negativeCacheTime,
          requestTimeout,
          sslContext,
          httpClient);
    }

    /** These options with another {@link #maxStaleness}. */
    public Options withMaxStaleness(Duration value) {
      return new Options(
          adminUri,
          credentials,
          refreshAfter,
          value,
          negativeCacheTime,
          requestTimeout,
          sslContext,
          httpClient);
    }

    /** These options with another {@link #negativeCacheTime}. */
    public Options withNegativeCacheTime(Duration value) {
      return new Options(
          adminUri,
          credentials,
          refreshAfter,
          maxStaleness,
          value,
          requestTimeout,
          sslContext,
          httpClient);
    }

    /** These options with another {@link #requestTimeout}. */
    public Options withRequestTimeout(Duration value) {
      return new Options(
          adminUri,
          credentials,
          refreshAfter,
          maxStaleness,
          negativeCacheTime,
          value,
          sslContext,
          httpClient);
    }

    /** These options with a TLS context for {@code https}. */
    public Options withSslContext(SSLContext value) {
      return new Options(
          adminUri,
          credentials,
          refreshAfter,
          maxStaleness,
          negativeCacheTime,
          requestTimeout,
          value,
          httpClient);
    }

    /** These options with an HTTP client of the caller's making. */
    public Options withHttpClient(HttpClient value) {
      return new Options(
          adminUri,
          credentials,
          refreshAfter,
          maxStaleness,
          negativeCacheTime,
          requestTimeout,
          sslContext,
          value);
    }

    private static void checkAdminUri(URI uri) {
      // The URI ends up in messages and logs, so it must not carry a password.
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "the admin URI must not carry user info; pass the credentials separately");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("the admin URI must be http or https: " + uri);
      }
      if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "the admin URI must have a host and no query or fragment: " + uri);
      }
    }

    private static void checkPositive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
    }
  }

  /** A client for the admin service and cache timings of {@code options}. */
  public RoutingClient(Options options) {
    this(options, Ticker.systemTicker());
  }

  /** A client whose cache reads time from {@code ticker}, so tests need not sleep. */
  RoutingClient(Options options, Ticker ticker) {
    HttpClient http = options.httpClient() != null ? options.httpClient() : newHttpClient(options);
    RoutingFetcher fetcher = new RoutingFetcher(options, http, ticker);
    this.health = new AdminHealth(options.maxStaleness(), ticker);
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfter(new LookupExpiry())
            .refreshAfterWrite(options.refreshAfter())
            .recordStats()
            .buildAsync(new RoutingLoader(fetcher, health));
  }

  private static HttpClient newHttpClient(Options options) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(options.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (options.sslContext() != null) {
      builder.sslContext(options.sslContext());
    }
    return builder.build();
  }

  /**
   * The routing entry of {@code logicalName}, from the cache when it has one. Suspended and deleted
   * databases come back as entries with their {@link RoutingEntry#status()}; callers decide.
   *
   * @throws RoutingException when the name is unknown, the credentials are refused, the admin
   *     service is unreachable and no recent enough entry is cached, or the answer is not a routing
   *     entry
   * @throws IllegalStateException after {@link #close()}
   */
  public RoutingEntry resolve(String logicalName) throws RoutingException {
    Objects.requireNonNull(logicalName, "logicalName");
    checkOpen();
    try {
      return health.served(cache.get(new RouteKey(logicalName, null)).get()).entry();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RoutingException(
          Reason.ADMIN_UNREACHABLE,
          "interrupted while resolving \"" + logicalName + "\"",
          "retry the connection",
          e);
    } catch (ExecutionException e) {
      // Loads turn every network, HTTP and JSON failure into a value; this is a bug.
      throw new IllegalStateException("resolving \"" + logicalName + "\" failed", e.getCause());
    }
  }

  /**
   * The routing entry of {@code logicalName} as account {@code account} would see it, from the
   * cache when it has one, without blocking: a warm name completes at once. Needs the credentials
   * of an admin account (the admin service's {@code /v1/proxy/routing}); a name the account does
   * not own is unknown, exactly as for the account itself.
   *
   * @return the entry, or a future failed with a {@link RoutingException} (possibly wrapped in a
   *     {@link CompletionException}) for the reasons {@link #resolve} throws
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<RoutingEntry> resolveOnBehalfOf(String account, String logicalName) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(logicalName, "logicalName");
    checkOpen();
    return cache
        .get(new RouteKey(logicalName, account))
        .thenApply(
            lookup -> {
              try {
                return health.served(lookup).entry();
              } catch (RoutingException e) {
                throw new CompletionException(e);
              }
            });
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the routing client is closed");
    }
  }

  /**
   * Forgets what is cached for {@code logicalName} (for every account), so the next resolve asks
   * the admin service.
   */
  public void invalidate(String logicalName) {
    cache.synchronous().asMap().keySet().removeIf(key -> key.logicalName().equals(logicalName));
  }

  /** What the cache and the admin service did so far. */
  public Statistics statistics() {
    var stats = cache.synchronous().stats();
    return new Statistics(
        stats.hitCount(),
        stats.missCount(),
        health.staleServes(),
        health.errors(),
        health.nanosSinceAnswer().stream().mapToObj(Duration::ofNanos).findFirst());
  }

  /** Forgets every cached entry and refuses further resolves. */
  @Override
  public void close() {
    closed = true;
    cache.synchronous().invalidateAll();
  }

  /** The number of background refreshes still running; tests wait for it to reach zero. */
  int refreshesInFlight() {
    return cache.synchronous().policy().refreshes().size();
  }
}
