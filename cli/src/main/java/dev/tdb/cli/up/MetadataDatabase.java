/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

/** The admin service's own database on the server {@code tdb up} uses. */
final class MetadataDatabase {
  static final String NAME = "tdb_admin";

  private MetadataDatabase() {}
}
