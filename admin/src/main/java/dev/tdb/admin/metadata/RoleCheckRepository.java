/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The results of the role checks, one row per tenant. */
public final class RoleCheckRepository {
  /** Records a check of {@code tenantId} that found {@code drift} (empty: none). */
  public void record(Connection c, long tenantId, List<String> drift) throws SQLException {
    if (drift.isEmpty()) {
      Jdbc.update(
          c,
          "INSERT INTO tenant_role_checks (tenant_id, checked_at) VALUES (?, now())"
              + " ON CONFLICT (tenant_id) DO UPDATE SET checked_at = excluded.checked_at",
          tenantId);
      return;
    }
    Jdbc.update(
        c,
        "INSERT INTO tenant_role_checks (tenant_id, checked_at, drift_found_at, drift)"
            + " VALUES (?, now(), now(), ?) ON CONFLICT (tenant_id) DO UPDATE SET"
            + " checked_at = excluded.checked_at, drift_found_at = excluded.drift_found_at,"
            + " drift = excluded.drift",
        tenantId,
        c.createArrayOf("text", drift.toArray(new String[0])));
  }

  /** What the checks of {@code tenantId} saw, if it was ever checked. */
  public Optional<RoleCheckRow> find(Connection c, long tenantId) throws SQLException {
    return Jdbc.one(
        c,
        RoleCheckRepository::map,
        "SELECT checked_at, drift_found_at, drift FROM tenant_role_checks WHERE tenant_id = ?",
        tenantId);
  }

  /** The logical names of every tenant, to check them one by one. */
  public List<String> tenantNames(Connection c) throws SQLException {
    return Jdbc.list(c, rs -> rs.getString(1), "SELECT logical_name FROM tenants ORDER BY 1");
  }

  /** The logical names of a blueprint's tenants. */
  public List<String> tenantNames(Connection c, long blueprintId) throws SQLException {
    return Jdbc.list(
        c,
        rs -> rs.getString(1),
        "SELECT logical_name FROM tenants WHERE blueprint_id = ? ORDER BY 1",
        blueprintId);
  }

  private static RoleCheckRow map(ResultSet rs) throws SQLException {
    String[] drift = (String[]) rs.getArray("drift").getArray();
    return new RoleCheckRow(
        Jdbc.instant(rs, "checked_at"),
        Jdbc.instant(rs, "drift_found_at"),
        List.copyOf(Arrays.asList(drift)));
  }
}
