/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

/** What a REST route does, the unit that {@link Scope}s grant (docs/admin-api.md, "Scopes"). */
public enum RouteClass {
  /** Reads an account's resources (GET outside routing and the proxy's endpoints). */
  READ,
  /** Changes something: creates, updates, deletes, runs. */
  WRITE,
  /** {@code /v1/routing*}: routing entries for the caller's own databases (the driver's path). */
  ROUTING,
  /** {@code /v1/proxy/*}: verifiers and entries on behalf of clients (the proxy's path). */
  PROXY
}
