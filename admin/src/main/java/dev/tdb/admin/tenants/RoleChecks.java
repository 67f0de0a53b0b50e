/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.CredentialRoles;
import dev.tdb.admin.clusters.RoleDrift;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository.Member;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.RoleCheckRepository;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-asserts every tenant's runtime role on its server: password (the one its routing entry
 * serves), attributes, {@code CONNECTION LIMIT} (the role's and its database's), and the settings
 * on the role and in its database, dropping any the role gave itself, as well as the settings of
 * the credential logins that are members of its roles; a tenant's first check also applies the
 * in-database guards (advisory locks, {@code pg_settings}), for tenants made before they existed.
 * Runs when a workspace's settings change, periodically, and on demand; each tenant's check holds
 * its metadata row, so replicas checking at once take turns, and records when it ran and what drift
 * it found.
 */
public final class RoleChecks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoleChecks.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final SecretBox box;
  private final Duration interval;
  private final RoleCheckRepository checks = new RoleCheckRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final CredentialLoginRepository logins = new CredentialLoginRepository();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "tdb-role-checks");
            thread.setDaemon(true);
            return thread;
          });

  /** Creates the checks; {@code interval} zero means no periodic check. */
  public RoleChecks(MetadataStore store, ClusterPools pools, SecretBox box, Duration interval) {
    this.store = store;
    this.pools = pools;
    this.box = box;
    this.interval = interval;
  }

  /**
   * Starts the periodic check, unless its interval is zero; each round first runs {@code
   * hardenClusters} (closing again any database opened to PUBLIC since, say by a role that owns it;
   * the admin service also ends expired credential logins there), then checks every tenant.
   */
  public void start(Runnable hardenClusters) {
    if (!interval.isZero()) {
      long millis = interval.toMillis();
      timer.scheduleWithFixedDelay(
          () -> round(hardenClusters), millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Checks every tenant; a tenant whose cluster cannot be reached is logged and skipped.
   *
   * @return how many tenants had drifted
   */
  public int checkAll() {
    return checkEach(store.inTransaction(checks::tenantNames));
  }

  /** Checks the tenants of one blueprint, as after its workspace's settings changed. */
  int checkBlueprint(long blueprintId) {
    return checkEach(store.inTransaction(c -> checks.tenantNames(c, blueprintId)));
  }

  /**
   * Checks one tenant's runtime role and repairs what drifted.
   *
   * @return what was found, in words (empty: nothing; also for a tenant that no longer exists)
   * @throws AdminException unavailable when its cluster cannot be reached
   */
  public List<String> check(String logicalName) {
    return store.inTransaction(
        c -> {
          TenantRow tenant = tenants.findForUpdate(c, logicalName).orElse(null);
          if (tenant == null) {
            return List.of();
          }
          RoleDrift.Expected expected =
              new RoleDrift.Expected(
                  tenant.role(),
                  tenant.database(),
                  box.open(tenant.passwordSealed(), Names.secretContext(logicalName)),
                  workspaces.find(c, tenant.workspace()).orElseThrow().settings(),
                  tenant.status() == RoutingEntry.Status.ACTIVE);
          ClusterAdmin admin = pools.admin(clusters.findById(c, tenant.clusterId()));
          List<String> findings = admin.reassertRole(expected);
          if (checks.find(c, tenant.id()).isEmpty() && !findings.contains(RoleDrift.MISSING)) {
            // A tenant made before this check existed may also lack the in-database guards.
            admin.applyGuards(
                tenant.database(),
                Names.ownerRole(tenant.blueprint()),
                tenant.role(),
                expected.settings());
          }
          if (!findings.contains(RoleDrift.MISSING)) {
            findings = new ArrayList<>(findings);
            findings.addAll(reassertLogins(c, admin, tenant, expected.settings()));
          }
          checks.record(c, tenant.id(), findings);
          if (!findings.isEmpty()) {
            LOG.warn("tenant {}: runtime role had drifted, repaired: {}", logicalName, findings);
          }
          return findings;
        });
  }

  /** The credential logins that are members of the tenant's roles carry its settings too. */
  private List<String> reassertLogins(
      Connection c, ClusterAdmin admin, TenantRow tenant, WorkspaceSettings settings)
      throws SQLException {
    List<String> findings = new ArrayList<>();
    CredentialRoles roles = admin.credentialRoles();
    for (Member member : logins.membersOf(c, tenant.id(), tenant.clusterId())) {
      String login = DataCredentials.loginRole(member.user(), member.secretId());
      CredentialRoles.Access access =
          member.readOnly() ? CredentialRoles.Access.READ_ONLY : CredentialRoles.Access.READ_WRITE;
      if (roles.reassertSettings(login, tenant.database(), settings, access)) {
        findings.add("settings of credential login " + login + " changed");
      }
    }
    return findings;
  }

  private void round(Runnable hardenClusters) {
    try {
      hardenClusters.run();
      checkAll();
    } catch (RuntimeException e) {
      // A failed round must not end the schedule: the metadata database may be back next time.
      LOG.warn("role checks: round failed: {}", e.getMessage());
    }
  }

  private int checkEach(List<String> logicalNames) {
    int drifted = 0;
    for (String logical : logicalNames) {
      try {
        drifted += check(logical).isEmpty() ? 0 : 1;
      } catch (RuntimeException e) {
        LOG.warn("tenant {}: role check failed: {}", logical, e.getMessage());
      }
    }
    return drifted;
  }

  /** Stops the periodic check. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
