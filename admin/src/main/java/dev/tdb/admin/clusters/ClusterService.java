/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;
import dev.tdb.admin.security.SecretBox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers, lists and removes the PostgreSQL servers that host workspaces and tenants. */
public final class ClusterService {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterService.class);

  /** {@code DROP DATABASE … WITH (FORCE)} needs PostgreSQL 13. */
  private static final int MIN_VERSION_NUM = 130000;

  private final MetadataStore store;
  private final ClusterPools pools;
  private final SecretBox box;
  private final ClusterRepository clusters = new ClusterRepository();
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service. */
  public ClusterService(MetadataStore store, ClusterPools pools, SecretBox box) {
    this.store = store;
    this.pools = pools;
    this.box = box;
  }

  /**
   * Registers a cluster after connecting to it as its superuser.
   *
   * @throws AdminException forbidden for a non-admin, conflict when the name is taken, unavailable
   *     when the server cannot be reached, refused when the user is not a superuser
   */
  public ClusterRegistration register(Caller caller, ClusterSpec spec) {
    caller.requireAdmin("register clusters");
    ClusterRow draft = checkedDraft(spec);
    store.inTransaction(
        c -> {
          if (clusters.find(c, spec.name()).isPresent()) {
            throw exists(spec.name());
          }
          return null;
        });
    ClusterHardening.Report hardening = harden(draft);
    ClusterRow row =
        store.inTransaction(
            c -> {
              if (clusters.find(c, spec.name()).isPresent()) {
                throw exists(spec.name());
              }
              ClusterRow created = clusters.insert(c, draft);
              audit(c, caller, "cluster.register", created);
              return created;
            });
    LOG.info("registered cluster {} at {}:{}", row.name(), row.host(), row.port());
    return new ClusterRegistration(Cluster.of(row), hardening);
  }

  /**
   * Hardens every registered cluster again, as the service does when it starts; a cluster that
   * cannot be reached is logged and skipped, so one server down does not stop the service.
   */
  public void hardenAll() {
    List<ClusterRow> rows = store.inTransaction(c -> clusters.all(c));
    for (ClusterRow row : rows) {
      try {
        harden(row);
      } catch (AdminException e) {
        LOG.warn("could not harden cluster {}: {}", row.name(), e.getMessage());
      }
    }
  }

  /**
   * Registers a cluster, or updates the connection details and capacity of the one with this name:
   * for the operator, so that starting again with the same name changes nothing else.
   */
  public Cluster registerOrUpdate(Caller caller, ClusterSpec spec) {
    caller.requireAdmin("register clusters");
    ClusterRow draft = checkedDraft(spec);
    harden(draft);
    ClusterRow row =
        store.inTransaction(
            c -> {
              Optional<ClusterRow> existing = clusters.find(c, spec.name());
              ClusterRow saved =
                  existing.isPresent() ? clusters.update(c, draft) : clusters.insert(c, draft);
              audit(c, caller, existing.isPresent() ? "cluster.update" : "cluster.register", saved);
              return saved;
            });
    pools.evict(row.name());
    return Cluster.of(row);
  }

  /** One page of clusters, by name. */
  public Page<Cluster> list(PageRequest page) {
    return store.inTransaction(c -> clusters.list(c, page)).map(Cluster::of);
  }

  /**
   * The cluster named {@code name}.
   *
   * @throws AdminException (not found) when there is none
   */
  public Cluster get(String name) {
    return Cluster.of(store.inTransaction(c -> existing(c, name)));
  }

  /**
   * Removes a cluster from the service (its server is left alone).
   *
   * @throws AdminException forbidden for a non-admin, not found, conflict while it hosts databases
   */
  public void remove(Caller caller, String name) {
    caller.requireAdmin("remove clusters");
    store.inTransaction(
        c -> {
          ClusterRow row = existing(c, name);
          clusters.lockExclusive(c, row.id());
          ClusterRow locked = clusters.findById(c, row.id());
          if (locked.hosted() > 0) {
            throw new AdminException(
                AdminError.CLUSTER_IN_USE,
                "cluster " + name + " hosts " + locked.hosted() + " databases",
                "delete its tenants and workspaces first");
          }
          clusters.delete(c, row.id());
          audit(c, caller, "cluster.remove", row);
          return null;
        });
    pools.evict(name);
  }

  private ClusterRow checkedDraft(ClusterSpec spec) {
    ClusterRow draft =
        ClusterRow.draft(
            spec.name(),
            spec.host(),
            spec.port(),
            spec.superuser(),
            box.seal(spec.password(), ClusterPools.sealContext(spec.name())),
            spec.sslMode(),
            spec.capacity());
    ClusterAdmin.ServerFacts facts = pools.admin(draft).inspect();
    if (!facts.superuser()) {
      throw new AdminException(
          AdminError.NOT_SUPERUSER,
          "superuser "
              + spec.superuser()
              + " is not a superuser on "
              + spec.host()
              + ":"
              + spec.port(),
          "register the cluster with a role that has SUPERUSER");
    }
    if (facts.versionNum() < MIN_VERSION_NUM) {
      throw new AdminException(
          AdminError.UNSUPPORTED_VERSION,
          "cluster "
              + spec.name()
              + " runs PostgreSQL "
              + facts.versionNum()
              + "; 13 or newer is needed",
          "upgrade the server");
    }
    return draft;
  }

  /** Closes the cluster's databases to PUBLIC and logs what changed and what to fix. */
  private ClusterHardening.Report harden(ClusterRow row) {
    ClusterHardening.Report report = pools.admin(row).harden(metadataLogin());
    for (ClusterHardening.DatabaseChanges database : report.databases()) {
      if (!database.changes().isEmpty()) {
        LOG.info(
            "hardened database {} on cluster {}: {}",
            database.database(),
            row.name(),
            String.join("; ", database.changes()));
      }
    }
    report.warnings().forEach(w -> LOG.warn("cluster {}: {}", row.name(), w));
    return report;
  }

  /** The admin service's metadata login, when it needs an explicit CONNECT (not a superuser). */
  private Optional<MetadataLogin> metadataLogin() {
    return store.inTransaction(
        c -> {
          try (Statement statement = c.createStatement();
              ResultSet rs =
                  statement.executeQuery(
                      "SELECT current_database(), current_user,"
                          + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            return rs.getBoolean(3)
                ? Optional.empty()
                : Optional.of(new MetadataLogin(rs.getString(1), rs.getString(2)));
          }
        });
  }

  private static AdminException exists(String name) {
    return new AdminException(
        AdminError.CLUSTER_EXISTS, "cluster " + name + " already exists", "tdb clusters list");
  }

  private ClusterRow existing(Connection c, String name) throws SQLException {
    return clusters
        .find(c, name)
        .orElseThrow(() -> AdminException.notFound("cluster", name, "tdb clusters list"));
  }

  private void audit(Connection c, Caller caller, String action, ClusterRow row)
      throws SQLException {
    audit.record(
        c,
        caller.accountId(),
        action,
        row.name(),
        Map.of("host", row.host(), "port", row.port(), "capacity", row.capacity()));
  }
}
