/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The pg_dump the admin service runs on this host, found by its own lookup, for tests that need a
 * source database that pg_dump can dump.
 *
 * @param binary the executable
 * @param major its major version
 */
public record HostPgDump(Path binary, int major) {
  /** The pg_dump a schema import would run, if this host has one. */
  public static Optional<HostPgDump> newest() {
    return PgDump.newest(PgDump.candidates())
        .map(dump -> new HostPgDump(dump.binary(), dump.major()));
  }
}
