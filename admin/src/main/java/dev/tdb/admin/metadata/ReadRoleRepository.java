/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The read-only roles of tenants, made on first use by a read-only credential. */
public final class ReadRoleRepository {
  /**
   * A tenant's read-only role and its sealed password.
   *
   * @param role the role name
   * @param passwordSealed the password, sealed with the tenant's secret context
   */
  public record ReadRole(String role, String passwordSealed) {
    /** The role only. */
    @Override
    public String toString() {
      return "ReadRole[" + role + "]";
    }
  }

  /** The read-only role of tenant {@code tenantId}, when it has one. */
  public Optional<ReadRole> find(Connection c, long tenantId) throws SQLException {
    return Jdbc.one(
        c,
        rs -> new ReadRole(rs.getString(1), rs.getString(2)),
        "SELECT role, password_sealed FROM tenant_read_roles WHERE tenant_id = ?",
        tenantId);
  }

  /** Records the read-only role of tenant {@code tenantId}. */
  public void insert(Connection c, long tenantId, ReadRole role) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO tenant_read_roles (tenant_id, role, password_sealed) VALUES (?, ?, ?)",
        tenantId,
        role.role(),
        role.passwordSealed());
  }
}
