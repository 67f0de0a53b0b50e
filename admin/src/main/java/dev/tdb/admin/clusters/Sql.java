/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

/** Quoting for the statements the admin service builds: identifiers and string literals. */
public final class Sql {
  private Sql() {}

  /** {@code name} as a quoted identifier: {@code "na""me"}. */
  public static String identifier(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("identifiers cannot contain NUL");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code text} as a standard string literal ({@code standard_conforming_strings} is on). */
  public static String literal(String text) {
    if (text.indexOf('\0') >= 0 || text.indexOf('\\') >= 0) {
      // Refuse backslashes rather than depend on the server's standard_conforming_strings.
      throw new IllegalArgumentException("literals built here cannot contain NUL or backslash");
    }
    return '\'' + text.replace("'", "''") + '\'';
  }
}
