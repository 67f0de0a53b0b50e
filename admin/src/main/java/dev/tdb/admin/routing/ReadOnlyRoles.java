/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.routing;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.ReadRoleRepository;
import dev.tdb.admin.metadata.ReadRoleRepository.ReadRole;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The read-only role of each tenant, made on the cluster the first time a read-only credential is
 * routed to the tenant. The tenant's row is locked while it is made, so concurrent first lookups
 * make it once.
 */
final class ReadOnlyRoles {
  private final ClusterPools pools;
  private final SecretBox box;
  private final ReadRoleRepository roles = new ReadRoleRepository();
  private final TenantRepository tenants = new TenantRepository();

  ReadOnlyRoles(ClusterPools pools, SecretBox box) {
    this.pools = pools;
    this.box = box;
  }

  /** The role and its password (opened) of {@code tenant}, made now when it has none yet. */
  Login login(Connection c, TenantRow tenant, WorkspaceRow workspace, ClusterRow cluster)
      throws SQLException {
    ReadRole role = roles.find(c, tenant.id()).orElse(null);
    if (role == null) {
      tenants.findForUpdate(c, tenant.logicalName());
      role = roles.find(c, tenant.id()).orElse(null);
    }
    if (role == null) {
      String name = Names.readOnlyRole(tenant.logicalName());
      String password = RandomTokens.rolePassword();
      pools
          .admin(cluster)
          .createReadOnlyRole(
              name,
              password,
              tenant.database(),
              Names.ownerRole(tenant.blueprint()),
              workspace.settings());
      if (tenant.status() != RoutingEntry.Status.ACTIVE) {
        // Made while the tenant's runtime role has no login: neither may this one, nor the
        // credential logins that become its members.
        pools.admin(cluster).disableLogin(name);
        pools.admin(cluster).closeDatabase(name, tenant.database());
      }
      role = new ReadRole(name, box.seal(password, context(tenant)));
      roles.insert(c, tenant.id(), role);
    }
    return new Login(role.role(), box.open(role.passwordSealed(), context(tenant)));
  }

  private static String context(TenantRow tenant) {
    return Names.secretContext(tenant.logicalName()) + "/read-only";
  }

  /**
   * A role and its password.
   *
   * @param role the role name
   * @param password the password; never shown by {@link #toString()}
   */
  record Login(String role, String password) {
    @Override
    public String toString() {
      return "Login[" + role + "]";
    }
  }
}
