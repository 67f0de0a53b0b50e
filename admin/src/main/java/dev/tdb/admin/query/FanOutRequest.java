/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.admin.errors.AdminException;
import java.util.List;

/**
 * What a caller asks to run on many tenants at once.
 *
 * @param sql one statement
 * @param tenants logical names of the tenants to run it on, or null with {@code all}
 * @param blueprint the blueprint whose tenants {@code all} means, or null with {@code tenants}
 * @param all true to run it on every tenant of {@code blueprint}
 * @param access whether the transaction it runs in may write
 * @param timeoutMs the statement timeout on each tenant, in milliseconds
 * @param parallelism how many tenants to query at once (the service may lower it)
 */
public record FanOutRequest(
    String sql,
    List<String> tenants,
    String blueprint,
    boolean all,
    Access access,
    int timeoutMs,
    int parallelism) {
  /** How many tenants are queried at once unless the caller says otherwise. */
  public static final int DEFAULT_PARALLELISM = 8;

  /** The most tenants one request queries at once. */
  public static final int MAX_PARALLELISM = 32;

  /** The per-tenant statement timeout unless the caller says otherwise. */
  public static final int DEFAULT_TIMEOUT_MS = 30_000;

  /** Whether the transaction each tenant's statement runs in may write. */
  public enum Access {
    /** {@code READ ONLY}: the server refuses writes with SQLSTATE 25006. */
    READ_ONLY,
    /** {@code READ WRITE}: committed on each tenant where the statement succeeds. */
    READ_WRITE
  }

  /** Checks that exactly one of {@code tenants} and {@code all} is given, and the bounds. */
  public FanOutRequest {
    if (sql == null || sql.isBlank()) {
      throw AdminException.invalid("sql", "is required");
    }
    if (all == (tenants != null)) {
      throw AdminException.invalid("tenants", "or all (with blueprint) must be given, not both");
    }
    if (all && blueprint == null) {
      throw AdminException.invalid("blueprint", "is required with all");
    }
    if (tenants != null && tenants.isEmpty()) {
      throw AdminException.invalid("tenants", "must name at least one tenant");
    }
    if (timeoutMs < 1) {
      throw AdminException.invalid("timeout_ms", "must be at least 1, got " + timeoutMs);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw AdminException.invalid(
          "parallelism", "must be from 1 to " + MAX_PARALLELISM + ", got " + parallelism);
    }
    tenants = tenants == null ? null : List.copyOf(tenants);
  }
}
