/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.routing;

import dev.tdb.core.routing.RoutingEntry;
import java.util.List;

/**
 * Every routing entry an account owns.
 *
 * @param epoch the epoch of the latest change to any of them (including removals); the ETag
 * @param entries the entries, by logical name
 */
public record RoutingTable(long epoch, List<RoutingEntry> entries) {

  /** Copies the entries. */
  public RoutingTable {
    entries = List.copyOf(entries);
  }
}
