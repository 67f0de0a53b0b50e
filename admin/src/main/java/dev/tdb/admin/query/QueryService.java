/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.routing.RoutingEntry;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fan-out queries: one statement run on many tenants, each through its own runtime role, in a
 * transaction of its own, with the result streamed as it arrives.
 */
public final class QueryService {
  /**
   * The share of a cluster's connections for roles that are not superusers that one fan-out may
   * hold at once: the tenants' own applications keep the rest.
   */
  private static final int BUDGET_SHARE = 4;

  /** Fan-outs that may run at once in this service, and per account. */
  private static final int SLOTS = 8;

  private static final int SLOTS_PER_ACCOUNT = 2;

  private final FanOutSlots slots = new FanOutSlots(SLOTS, SLOTS_PER_ACCOUNT);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final SecretBox box;
  private final TenantRepository tenants = new TenantRepository();
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service; {@code box} opens the tenants' runtime role passwords. */
  public QueryService(MetadataStore store, ClusterPools pools, SecretBox box) {
    this.store = store;
    this.pools = pools;
    this.box = box;
  }

  /**
   * Checks a request and resolves its tenants; nothing runs on a tenant yet.
   *
   * @throws AdminException invalid or forbidden SQL, not found (a tenant or the blueprint, also
   *     when another account owns it), unavailable
   */
  public FanOutPlan plan(Caller caller, FanOutRequest request) {
    StatementGate gate = new StatementGate(request.sql());
    return store.inTransaction(
        c -> {
          List<TenantRow> chosen = chosen(c, caller, request);
          Map<String, WorkspaceRow> byName = new HashMap<>();
          Map<Long, ClusterRow> byId = new HashMap<>();
          List<FanOutPlan.Target> targets = new ArrayList<>();
          List<FanOutPlan.Skipped> skipped = new ArrayList<>();
          for (TenantRow tenant : chosen) {
            WorkspaceRow ws = byName.get(tenant.workspace());
            if (ws == null) {
              ws = workspaces.find(c, tenant.workspace()).orElseThrow();
              byName.put(ws.name(), ws);
            }
            gate.check(ws.name(), ws.settings());
            Optional<String> reason = skipReason(c, tenant, request.all());
            if (reason.isPresent()) {
              skipped.add(new FanOutPlan.Skipped(tenant.logicalName(), reason.get()));
              continue;
            }
            ClusterRow cluster = byId.get(tenant.clusterId());
            if (cluster == null) {
              cluster = clusters.findById(c, tenant.clusterId());
              byId.put(cluster.id(), cluster);
            }
            targets.add(target(tenant, cluster, ws, request.timeoutMs()));
          }
          auditWrites(c, caller, request, targets.size());
          return new FanOutPlan(
              request.sql(),
              request.access(),
              parallelism(request.parallelism(), byId.values()),
              targets,
              skipped);
        });
  }

  /**
   * Takes one of the caller's slots for a running fan-out; closing it gives it back.
   *
   * @throws AdminException rate limited ({@code fan_out_busy}) when the caller runs 2 fan-outs
   *     already, or the service 8
   */
  public Slot slot(Caller caller) {
    return slots.take(caller.ownerId());
  }

  /** A running fan-out's place; closing it gives the place back. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Runs a plan, writing NDJSON lines to {@code out} as results arrive, and returns when every
   * tenant has an outcome or the client went away.
   */
  public void run(FanOutPlan plan, OutputStream out) {
    new FanOut(plan, this::open).run(out);
  }

  private Connection open(FanOutPlan.Target target) throws SQLException {
    TenantRow tenant = target.tenant();
    return pools.connectAs(
        target.cluster(),
        tenant.database(),
        tenant.role(),
        box.open(tenant.passwordSealed(), Names.secretContext(tenant.logicalName())));
  }

  private List<TenantRow> chosen(Connection c, Caller caller, FanOutRequest request)
      throws SQLException {
    if (request.all()) {
      Names.checkBlueprint(request.blueprint());
      WorkspaceRow ws =
          workspaces
              .findByBlueprint(c, request.blueprint())
              .filter(row -> row.ownerId() == caller.ownerId())
              .orElseThrow(
                  () ->
                      AdminException.notFound(
                          "blueprint", request.blueprint(), "tdb workspaces list"));
      return tenants.ofBlueprint(c, ws.blueprintId());
    }
    List<TenantRow> chosen = new ArrayList<>();
    for (String name : new LinkedHashSet<>(request.tenants())) {
      chosen.add(
          tenants
              .find(c, name)
              .filter(row -> row.ownerId() == caller.ownerId())
              .orElseThrow(() -> AdminException.notFound("tenant", name, "tdb tenants list")));
    }
    return chosen;
  }

  /** Records a fan-out that may write in the audit log: who, where, how many tenants. */
  private void auditWrites(Connection c, Caller caller, FanOutRequest request, int tenantCount)
      throws SQLException {
    if (request.access() == FanOutRequest.Access.READ_WRITE) {
      audit.record(
          c,
          caller.ownerId(),
          "query.write",
          request.all() ? request.blueprint() : String.join(",", request.tenants()),
          Map.of("tenants", tenantCount));
    }
  }

  /**
   * Why a tenant is left out, if it is. {@link TenantRepository#ofBlueprint} already leaves out
   * tenants being dropped; a tenant named by the caller may be one.
   */
  private Optional<String> skipReason(Connection c, TenantRow tenant, boolean ofBlueprint)
      throws SQLException {
    if (!ofBlueprint && tenants.dropping(c, tenant.id())) {
      return Optional.of("being dropped");
    }
    if (tenant.status() != RoutingEntry.Status.ACTIVE) {
      return Optional.of(tenant.status().json());
    }
    return Optional.empty();
  }

  private static FanOutPlan.Target target(
      TenantRow tenant, ClusterRow cluster, WorkspaceRow ws, int requestedTimeoutMs) {
    long ceiling = ws.settings().queryTimeoutMs();
    long timeout = ceiling > 0 ? Math.min(requestedTimeoutMs, ceiling) : requestedTimeoutMs;
    return new FanOutPlan.Target(
        tenant, cluster, ws.name(), timeout, ws.settings().maxRowsPerQuery());
  }

  /** The request's parallelism, at most a share of the smallest cluster's connection budget. */
  private int parallelism(int requested, Iterable<ClusterRow> involved) {
    int cap = requested;
    for (ClusterRow cluster : involved) {
      cap = Math.min(cap, Math.max(1, pools.admin(cluster).budget().usable() / BUDGET_SHARE));
    }
    return cap;
  }
}
