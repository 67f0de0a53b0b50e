/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import java.util.Objects;

/**
 * What one cached lookup answers: a logical name, for the client's own account or on behalf of
 * another. The same name can route differently per account (or not at all), so the account is part
 * of the key.
 *
 * @param logicalName the logical database name
 * @param onBehalfOf the account user the lookup is for, or {@code null} for the credentials' own
 */
public record RouteKey(String logicalName, String onBehalfOf) {
  /** Checks the name. */
  public RouteKey {
    Objects.requireNonNull(logicalName, "logicalName");
  }
}
