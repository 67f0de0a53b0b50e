/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.admin.errors.AdminException;

/**
 * What page of a list a caller asks for.
 *
 * @param limit the page size, 1 to {@link Page#MAX_LIMIT}
 * @param after the key after which the page starts, or null for the first page
 */
public record PageRequest(int limit, String after) {

  /**
   * Checks the limit.
   *
   * @throws AdminException (invalid, field {@code limit}) when it is out of range
   */
  public PageRequest {
    if (limit < 1 || limit > Page.MAX_LIMIT) {
      throw AdminException.invalid(
          "limit", "must be an integer from 1 to " + Page.MAX_LIMIT + ", got " + limit);
    }
  }
}
