/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.core.api.ApiError;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.routing.RoutingException.Reason;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Asks the admin service for one routing entry and turns every answer into a {@link Lookup}. */
public final class RoutingFetcher {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          // Parse errors must not quote the body: it carries the runtime role's password.
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();
  private static final String UNKNOWN_HINT =
      "check the database name; \"tdb tenants list\" shows the tenants your account owns";
  private static final String UNREACHABLE_HINT =
      "check that the tdb admin service is running and reachable from this host";
  private static final String PROTOCOL_HINT =
      "check that the admin URL points at a tdb admin service of a matching version";

  private final AdminApiClient admin;
  private final String base;
  private final AdminCredentials credentials;
  private final long maxStalenessNanos;
  private final long negativeCacheNanos;
  private final Ticker ticker;

  /** A fetcher for the admin service and timings of {@code options}. */
  public RoutingFetcher(RoutingClient.Options options, HttpClient http, Ticker ticker) {
    this.admin =
        AdminApiClient.over(
            http,
            options.adminUri(),
            options.credentials().authorization(),
            AdminApiClient.Timeouts.of(options.requestTimeout()));
    this.base = admin.base();
    this.credentials = options.credentials();
    this.maxStalenessNanos = options.maxStaleness().toNanos();
    this.negativeCacheNanos = options.negativeCacheTime().toNanos();
    this.ticker = ticker;
  }

  /**
   * Fetches the entry of {@code logicalName}; the returned future never fails for HTTP, network or
   * JSON problems, which become {@link Lookup.Failed}.
   *
   * @param previous the cached entry to revalidate with {@code If-None-Match}, or {@code null}
   */
  public CompletableFuture<Lookup> fetch(RouteKey key, Lookup.Found previous) {
    String logicalName = key.logicalName();
    if (logicalName.isEmpty() || logicalName.equals(".") || logicalName.equals("..")) {
      // Not a path segment: no database can have this name, so don't ask.
      return CompletableFuture.completedFuture(missing(logicalName, null));
    }
    // The client bounds the whole answer, body included, by the request timeout, so a hung admin
    // service holds a caller no longer.
    return admin
        .exchangeAsync(call(key, previous))
        .handle(
            (response, error) ->
                error == null
                    ? interpret(logicalName, previous, response)
                    : unreachable(logicalName, error));
  }

  private static AdminApiCall call(RouteKey key, Lookup.Found previous) {
    String path =
        key.onBehalfOf() == null
            ? "/v1/routing/" + AdminApiClient.segment(key.logicalName())
            : "/v1/proxy/routing/"
                + AdminApiClient.segment(key.logicalName())
                + "?account="
                + AdminApiClient.segment(key.onBehalfOf());
    AdminApiCall call = AdminApiCall.get(path);
    return previous == null
        ? call
        : call.header("If-None-Match", "\"" + previous.entry().epoch() + "\"");
  }

  private Lookup interpret(String name, Lookup.Found previous, AdminApiResponse response) {
    int status = response.status();
    byte[] body = response.body();
    if (status == 200) {
      return found(name, body);
    }
    if (status == 304 && previous != null) {
      return new Lookup.Found(previous.entry(), ticker.read() + maxStalenessNanos);
    }
    if (status == 404 || status == 400) {
      // 400 is how the admin service refuses a name that breaks the naming rules.
      return missing(name, adminError(response, ApiError::hint));
    }
    if (status == 401 || status == 403) {
      return authenticationFailed(name, status);
    }
    if (status >= 500) {
      String detail = adminError(response, ApiError::message);
      return failed(
          Reason.ADMIN_UNREACHABLE,
          "the tdb admin service at "
              + base
              + " failed to resolve \""
              + name
              + "\": HTTP "
              + status
              + (detail == null ? "" : " (" + detail + ")"),
          UNREACHABLE_HINT,
          null);
    }
    return protocol(name, "HTTP " + status, null);
  }

  private Lookup found(String name, byte[] body) {
    RoutingEntry entry;
    try {
      entry = JSON.readValue(body, RoutingEntry.class);
    } catch (IOException e) {
      String detail =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      return protocol(name, "a routing entry that is not valid (" + detail + ")", e);
    }
    if (entry == null) {
      return protocol(name, "an empty routing entry", null);
    }
    if (!entry.logicalName().equals(name)) {
      return protocol(name, "the routing entry of \"" + entry.logicalName() + "\"", null);
    }
    return new Lookup.Found(entry, ticker.read() + maxStalenessNanos);
  }

  private Lookup missing(String name, String adminHint) {
    return new Lookup.Missing(
        name, adminHint == null ? UNKNOWN_HINT : adminHint, ticker.read() + negativeCacheNanos);
  }

  private Lookup authenticationFailed(String name, int status) {
    String who =
        credentials instanceof AdminCredentials.Account account
            ? "user \"" + account.user() + "\""
            : "the API key";
    if (status == 401) {
      return failed(
          Reason.AUTHENTICATION_FAILED,
          "authentication failed for " + who + " at the tdb admin service " + base,
          "check the account user and secret, or the API key, given to tdb",
          null);
    }
    return failed(
        Reason.AUTHENTICATION_FAILED,
        who + " may not use database \"" + name + "\" (the tdb admin service answered HTTP 403)",
        "connect with the credentials of the account that owns the database",
        null);
  }

  private Lookup unreachable(String name, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String detail =
        cause.getMessage() == null
            ? cause.getClass().getSimpleName()
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return failed(
        Reason.ADMIN_UNREACHABLE,
        "cannot reach the tdb admin service at "
            + base
            + " to resolve \""
            + name
            + "\" ("
            + detail
            + ")",
        UNREACHABLE_HINT,
        cause);
  }

  private Lookup protocol(String name, String what, Throwable cause) {
    return failed(
        Reason.PROTOCOL,
        "the tdb admin service at " + base + " answered \"" + name + "\" with " + what,
        PROTOCOL_HINT,
        cause);
  }

  private Lookup failed(Reason reason, String message, String hint, Throwable cause) {
    return new Lookup.Failed(reason, message, hint, cause, ticker.read());
  }

  /** A field of the admin service's error body, or {@code null} when it has none. */
  private static String adminError(AdminApiResponse response, Function<ApiError, String> field) {
    return response.error().map(field).orElse(null);
  }
}
