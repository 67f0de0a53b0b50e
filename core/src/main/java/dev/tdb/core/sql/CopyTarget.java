/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

/** Where a COPY statement reads from or writes to. */
public enum CopyTarget {
  /** Not a COPY statement. */
  NONE,
  /** {@code STDIN} or {@code STDOUT}: the data travels over the client connection. */
  CLIENT,
  /** A file on the database server. */
  SERVER_FILE,
  /** A program run on the database server. */
  PROGRAM
}
