/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.routing;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.CredentialRoles;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.CredentialLoginRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository.ValidSecret;
import dev.tdb.admin.metadata.CredentialRow;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The PostgreSQL login a credential's secret reaches a tenant with: its own role on the tenant's
 * cluster, made a member of the tenant's runtime role (or read-only role) the first time the secret
 * is routed to that tenant, so that tenants created after the credential are covered. The secret's
 * row is locked while its login is made, so concurrent first lookups make it once.
 */
final class CredentialLogins {
  private final ClusterPools pools;
  private final SecretBox box;
  private final ReadOnlyRoles readOnlyRoles;
  private final CredentialLoginRepository logins = new CredentialLoginRepository();

  CredentialLogins(ClusterPools pools, SecretBox box, ReadOnlyRoles readOnlyRoles) {
    this.pools = pools;
    this.box = box;
    this.readOnlyRoles = readOnlyRoles;
  }

  /**
   * The login of secret {@code secretId} for {@code tenant}, made or joined to the tenant now when
   * needed.
   *
   * @throws AdminException (not found) when the secret no longer works
   */
  ReadOnlyRoles.Login login(
      Connection c,
      CredentialRow credential,
      long secretId,
      TenantRow tenant,
      WorkspaceRow workspace,
      ClusterRow cluster)
      throws SQLException {
    String role = DataCredentials.loginRole(credential.user(), secretId);
    boolean granted = logins.granted(c, secretId, tenant.id(), cluster.id());
    ValidSecret secret =
        (granted ? logins.findValid(c, secretId) : logins.lockValid(c, secretId))
            .orElseThrow(() -> expired(credential));
    String password =
        secret.passwordSealed() == null
            ? newPassword(c, secretId, role)
            : box.open(secret.passwordSealed(), context(role));
    // A tenant that is not active gets no new member: its database is closed to its roles.
    if (!granted && tenant.status() == RoutingEntry.Status.ACTIVE) {
      join(
          c,
          credential,
          secret,
          tenant,
          workspace,
          cluster,
          new ReadOnlyRoles.Login(role, password));
    }
    return new ReadOnlyRoles.Login(role, password);
  }

  private void join(
      Connection c,
      CredentialRow credential,
      ValidSecret secret,
      TenantRow tenant,
      WorkspaceRow workspace,
      ClusterRow cluster,
      ReadOnlyRoles.Login login)
      throws SQLException {
    CredentialRoles roles = pools.admin(cluster).credentialRoles();
    CredentialRoles.Login wanted =
        new CredentialRoles.Login(
            login.role(),
            login.password(),
            workspace.settings(),
            credential.readOnly()
                ? CredentialRoles.Access.READ_ONLY
                : CredentialRoles.Access.READ_WRITE,
            secret.expiresAt() == null ? null : Instant.parse(secret.expiresAt()));
    if (!logins.hasLogin(c, secret.id(), cluster.id())) {
      roles.create(wanted);
    }
    String tenantRole =
        credential.readOnly()
            ? readOnlyRoles.login(c, tenant, workspace, cluster).role()
            : tenant.role();
    roles.join(wanted, tenantRole, tenant.database());
    logins.addGrant(c, secret.id(), tenant.id(), cluster.id());
  }

  private String newPassword(Connection c, long secretId, String role) throws SQLException {
    String password = RandomTokens.rolePassword();
    logins.setPassword(c, secretId, box.seal(password, context(role)));
    return password;
  }

  private static String context(String role) {
    return "credential-login/" + role;
  }

  private static AdminException expired(CredentialRow credential) {
    return AdminException.notFound("credential", credential.user(), "tdb credentials list");
  }
}
