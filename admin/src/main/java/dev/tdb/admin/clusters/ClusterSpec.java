/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.errors.AdminException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an admin registers: a PostgreSQL server, its superuser and how many databases it may host.
 *
 * @param name the cluster's name ({@code [a-z][a-z0-9_-]{0,39}})
 * @param host the server's host
 * @param port the server's port
 * @param superuser a superuser the admin service connects as
 * @param password the superuser's password; never shown by {@link #toString()}
 * @param sslMode pgjdbc's {@code sslmode} ({@code disable}, {@code allow}, {@code prefer}, {@code
 *     require}, {@code verify-ca}, {@code verify-full})
 * @param capacity how many databases it may host, 1 to 1000000
 */
public record ClusterSpec(
    String name,
    String host,
    int port,
    String superuser,
    String password,
    String sslMode,
    int capacity) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final int MAX_CAPACITY = 1_000_000;

  /**
   * Checks every field.
   *
   * @throws AdminException (invalid) naming the first invalid field
   */
  public ClusterSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw AdminException.invalid("name", "must match [a-z][a-z0-9_-]{0,39}, got " + shown(name));
    }
    if (host == null || host.isBlank() || host.length() > 255 || host.contains("/")) {
      throw AdminException.invalid("host", "must be a host name or address");
    }
    if (port < 1 || port > 65535) {
      throw AdminException.invalid("port", "must be from 1 to 65535, got " + port);
    }
    if (superuser == null || superuser.isBlank() || superuser.length() > 63) {
      throw AdminException.invalid("superuser", "must be a role name of 1 to 63 characters");
    }
    if (password == null) {
      throw AdminException.invalid("password", "is required");
    }
    if (sslMode == null || !SSL_MODES.contains(sslMode)) {
      throw AdminException.invalid(
          "ssl_mode",
          "must be one of disable, allow, prefer, require, verify-ca, verify-full, got "
              + shown(sslMode));
    }
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw AdminException.invalid(
          "capacity", "must be from 1 to " + MAX_CAPACITY + ", got " + capacity);
    }
  }

  private static String shown(String value) {
    return value == null ? "nothing" : "'" + value + "'";
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "ClusterSpec["
        + name
        + " "
        + host
        + ":"
        + port
        + " as "
        + superuser
        + ", ssl_mode="
        + sslMode
        + ", capacity="
        + capacity
        + "]";
  }
}
