/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many connections one tenant (or workspace) of a cluster may hold: at most half of the
 * connections the cluster gives to roles that are not superusers, {@code max_connections −
 * superuser_reserved_connections − reserved_connections}, so that no single tenant can take every
 * slot from the others. The admin service connects as a superuser and keeps the {@code
 * superuser_reserved_connections} slots as its way in when ordinary slots run out. The limit is the
 * database's ({@code ALTER DATABASE … CONNECTION LIMIT}), so it bounds the runtime role, the
 * read-only role and the credential logins together, not only the runtime role.
 *
 * @param maxConnections the cluster's {@code max_connections}
 * @param superuserReserved its {@code superuser_reserved_connections}
 * @param reserved its {@code reserved_connections} (PostgreSQL 16 and later; 0 before)
 */
public record ConnectionBudget(
    @JsonProperty("max_connections") int maxConnections,
    @JsonProperty("superuser_reserved_connections") int superuserReserved,
    @JsonProperty("reserved_connections") int reserved) {

  /** The figures of the server {@code connection} is on (they change only with a restart). */
  static ConnectionBudget read(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT current_setting('max_connections')::int,"
                    + " current_setting('superuser_reserved_connections')::int,"
                    + " coalesce(current_setting('reserved_connections', true)::int, 0)")) {
      rs.next();
      return new ConnectionBudget(rs.getInt(1), rs.getInt(2), rs.getInt(3));
    }
  }

  /** What the cluster gives to roles that are not superusers (never below 0). */
  @JsonProperty("usable_connections")
  public int usable() {
    return Math.max(0, maxConnections - superuserReserved - reserved);
  }

  /** The largest {@code max_connections} one tenant or workspace may have on this cluster. */
  @JsonProperty("tenant_max_connections")
  public int tenantMax() {
    return usable() / 2;
  }

  /**
   * Refuses a per-database {@code max_connections} beyond {@link #tenantMax}.
   *
   * @throws AdminException invalid, naming the cluster, its figures and the allowed maximum
   */
  public void check(String cluster, int requested) {
    if (requested <= tenantMax()) {
      return;
    }
    throw new AdminException(
        AdminError.CONNECTION_BUDGET,
        "max_connections "
            + requested
            + " is more than cluster "
            + cluster
            + " allows per database: its max_connections is "
            + maxConnections
            + " ("
            + superuserReserved
            + " reserved for superusers, "
            + reserved
            + " reserved), so one database may have at most "
            + tenantMax(),
        "set max_connections to "
            + tenantMax()
            + " or less, or raise max_connections on "
            + cluster);
  }
}
