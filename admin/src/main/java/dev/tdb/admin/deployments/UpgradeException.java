/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import java.sql.SQLException;

/** A tenant upgrade that PostgreSQL refused, with the version the tenant is left at. */
public final class UpgradeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int fromVersion;
  private final int reachedVersion;

  UpgradeException(int fromVersion, int reachedVersion, int failedVersion, SQLException cause) {
    super("version " + failedVersion + " failed: " + cause.getMessage(), cause);
    this.fromVersion = fromVersion;
    this.reachedVersion = reachedVersion;
  }

  /** The version the tenant was at before. */
  public int fromVersion() {
    return fromVersion;
  }

  /** The version the tenant is at now (changes applied before the failure stay). */
  public int reachedVersion() {
    return reachedVersion;
  }

  /** PostgreSQL's SQLSTATE. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
