/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.LimitRejections;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.routing.RoutingException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One logical database as this JVM sees it: its routing entry, the policy built from it, and the
 * gate that counts its open connections. Instances are shared JVM-wide, as are the routing clients
 * behind them (one per admin service and credentials), so a warm connect costs no admin round trip.
 */
final class LogicalDatabase {
  private static final ConcurrentMap<ClientKey, RoutingClient> CLIENTS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<DatabaseKey, LogicalDatabase> DATABASES =
      new ConcurrentHashMap<>();
  private static final ConcurrentMap<GateKey, ConnectionGate> GATES = new ConcurrentHashMap<>();

  /** How often open connections look for a newer route. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** One routing client per admin service, credentials and cache timing. */
  private record ClientKey(
      URI adminUri, AdminCredentials credentials, Duration refreshAfter, Duration maxStaleness) {}

  private record DatabaseKey(ClientKey client, String name) {}

  private record GateKey(URI adminUri, String name) {}

  /** A routing entry and the policy it implies. */
  record Route(RoutingEntry entry, Policy policy) {
    static Route of(RoutingEntry entry) {
      return new Route(
          entry, Policy.of(entry.connectionMode(), entry.workspace(), entry.settings()));
    }
  }

  private final RoutingClient routing;
  private final String name;
  private final ConnectionGate gate;
  private volatile Route route;
  private volatile long lastCheck = System.nanoTime();
  private final AtomicBoolean rechecking = new AtomicBoolean();

  private LogicalDatabase(RoutingClient routing, String name, ConnectionGate gate) {
    this.routing = routing;
    this.name = name;
    this.gate = gate;
  }

  /**
   * The shared instance for {@code name} on the admin service at {@code adminUri}, whose routes are
   * revalidated after {@code refreshAfter} and served at most {@code maxStaleness} while the admin
   * service is away.
   */
  static LogicalDatabase of(
      URI adminUri,
      AdminCredentials credentials,
      String name,
      Duration refreshAfter,
      Duration maxStaleness) {
    ClientKey client = new ClientKey(adminUri, credentials, refreshAfter, maxStaleness);
    return DATABASES.computeIfAbsent(
        new DatabaseKey(client, name),
        key ->
            new LogicalDatabase(
                CLIENTS.computeIfAbsent(
                    client,
                    c ->
                        new RoutingClient(
                            new RoutingClient.Options(
                                adminUri,
                                credentials,
                                refreshAfter,
                                maxStaleness,
                                RoutingClient.Options.DEFAULT_NEGATIVE_CACHE_TIME,
                                RoutingClient.Options.DEFAULT_REQUEST_TIMEOUT,
                                null,
                                null))),
                name,
                GATES.computeIfAbsent(new GateKey(adminUri, name), g -> new ConnectionGate())));
  }

  /** The logical name. */
  String name() {
    return name;
  }

  /**
   * The route for a new connection, from the routing cache when it is warm.
   *
   * @throws SQLException with the routing failure's SQLSTATE, or when the database is suspended
   *     (55000) or deleted (3D000)
   */
  Route resolveForConnect() throws SQLException {
    RoutingEntry entry;
    try {
      entry = routing.resolve(name);
    } catch (RoutingException e) {
      throw Errors.fatal(e.reason().state(), e.getMessage(), e.hint());
    }
    switch (entry.status()) {
      case SUSPENDED:
        throw Errors.fatal(
            SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
            "database \"" + name + "\" is suspended and not accepting connections",
            "an admin resumes it with: tdb tenants resume " + name);
      case DELETED:
        throw Errors.fatal(
            SqlState.INVALID_CATALOG_NAME,
            "database \"" + name + "\" has been deleted",
            "an admin restores it with: tdb tenants restore " + name);
      default:
        return remember(entry);
    }
  }

  /**
   * The newest known route, for statements on an open connection. It never waits for the admin
   * service: at most once per {@link #RECHECK_NANOS} it asks the routing cache again in the
   * background, so settings changed in the admin service reach pooled connections within the
   * cache's refresh period.
   */
  Route current() {
    long now = System.nanoTime();
    if (now - lastCheck > RECHECK_NANOS && rechecking.compareAndSet(false, true)) {
      lastCheck = now;
      CompletableFuture.runAsync(this::recheck);
    }
    return route;
  }

  private void recheck() {
    try {
      RoutingEntry entry = routing.resolve(name);
      if (entry.status() == RoutingEntry.Status.ACTIVE) {
        remember(entry);
      }
    } catch (RoutingException | RuntimeException e) {
      // Open connections were allowed; while the admin service is unreachable or the name is
      // gone, the last route stays in force and the server's own privileges still apply.
    } finally {
      rechecking.set(false);
    }
  }

  private Route remember(RoutingEntry entry) {
    Route known = route;
    if (known == null || !known.entry().equals(entry)) {
      known = Route.of(entry);
      route = known;
    }
    return known;
  }

  /**
   * Takes a connection slot under the route's {@code max_connections}.
   *
   * @throws SQLException 53300 when no slot frees up within {@code waitMillis}
   */
  ConnectionGate.Permit acquire(Route route, long waitMillis) throws SQLException {
    int limit = route.entry().settings().maxConnections();
    ConnectionGate.Permit permit;
    try {
      permit = gate.tryAcquire(limit, waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.fatal(SqlState.UNABLE_TO_CONNECT, "interrupted while waiting to connect", null);
    }
    if (permit == null) {
      Decision.Reject reject =
          LimitRejections.tooManyConnections(name, limit, route.entry().workspace());
      throw Errors.fatal(reject.state(), reject.message(), reject.hint());
    }
    return permit;
  }

  /** Forgets the cached route, after the server refused its role or database. */
  void invalidate() {
    routing.invalidate(name);
  }
}
