/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

/**
 * A cluster as stored, with the number of databases it hosts.
 *
 * @param id the cluster's key
 * @param name the name admins gave it
 * @param host the PostgreSQL server's host
 * @param port the PostgreSQL server's port
 * @param superuser the superuser the admin service connects as
 * @param passwordSealed the superuser's password, sealed by the secret box
 * @param sslMode pgjdbc's {@code sslmode} for connections to the server
 * @param capacity how many databases it may host
 * @param hosted how many workspace and tenant databases it hosts
 * @param tenants how many tenant databases it hosts
 * @param createdAt when it was registered (ISO-8601)
 */
public record ClusterRow(
    long id,
    String name,
    String host,
    int port,
    String superuser,
    String passwordSealed,
    String sslMode,
    int capacity,
    int hosted,
    int tenants,
    String createdAt) {

  /** A cluster not stored yet. */
  public static ClusterRow draft(
      String name,
      String host,
      int port,
      String superuser,
      String passwordSealed,
      String sslMode,
      int capacity) {
    return new ClusterRow(
        0, name, host, port, superuser, passwordSealed, sslMode, capacity, 0, 0, null);
  }

  /** Capacity minus hosted databases. */
  public int freeCapacity() {
    return capacity - hosted;
  }

  /** Everything but the sealed password. */
  @Override
  public String toString() {
    return "ClusterRow[" + name + " " + host + ":" + port + " as " + superuser + "]";
  }
}
