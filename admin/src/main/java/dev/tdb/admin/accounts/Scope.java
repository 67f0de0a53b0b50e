/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import dev.tdb.admin.errors.AdminException;
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

  /**
   * The scope an API key may have with this name.
   *
   * @throws AdminException (invalid, field {@code scope}) for any other name
   */
  public static Scope ofApiKey(String name) {
    for (Scope scope : values()) {
      if (scope != CREDENTIAL && scope.json().equals(name)) {
        return scope;
      }
    }
    throw AdminException.invalid(
        "scope", "must be admin, member, read-only or routing, got '" + name + "'");
  }

  /** The narrowest API key scope that opens {@code routeClass}, for hints. */
  public static Scope narrowestFor(RouteClass routeClass) {
    return switch (routeClass) {
      case READ -> READ_ONLY;
      case WRITE -> MEMBER;
      case ROUTING, PROXY -> ROUTING;
    };
  }
}
