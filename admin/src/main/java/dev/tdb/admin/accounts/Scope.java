/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may use of the REST API, by {@link RouteClass}. Accounts carry the scope of their
 * role; an API key carries the scope it was created with, never more than its account's; a
 * data-plane credential reads its own routing entries and nothing else. A scope only opens routes:
 * the services still check who owns what and who is an admin.
 */
public enum Scope {
  /** Everything, including what only admins may do. */
  ADMIN(EnumSet.allOf(RouteClass.class)),
  /** Everything an account does with what it owns. */
  MEMBER(EnumSet.allOf(RouteClass.class)),
  /** Reads only: listings, details and routing entries. */
  READ_ONLY(EnumSet.of(RouteClass.READ, RouteClass.ROUTING)),
  /** What proxies and drivers need: {@code /v1/routing*} and {@code /v1/proxy/*}. */
  ROUTING(EnumSet.of(RouteClass.ROUTING, RouteClass.PROXY)),
  /** A data-plane credential: the routing entries of the databases it was issued for. */
  CREDENTIAL(EnumSet.of(RouteClass.ROUTING));

  private final Set<RouteClass> allowed;

  Scope(Set<RouteClass> allowed) {
    this.allowed = allowed;
  }

  /** True when this scope opens routes of {@code routeClass}. */
  public boolean allows(RouteClass routeClass) {
    return allowed.contains(routeClass);
  }

  /** The name in the REST API and the CLI: {@code admin}, {@code read-only}, … */
  public String json() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
