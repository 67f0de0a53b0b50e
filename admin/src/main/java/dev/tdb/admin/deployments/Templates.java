/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.TemplateRepository;
import dev.tdb.admin.metadata.TemplateRow;
import dev.tdb.admin.names.Names;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template database of a blueprint on each cluster that holds its tenants: owned by the
 * blueprint owner, carrying the tenant catalog and the tenant privilege setup minus any runtime
 * role, kept at the released version by every deployment. A new tenant is {@code CREATE DATABASE …
 * TEMPLATE} of it, so it starts at the released version without replaying a change.
 *
 * <p>The template keeps {@code datallowconn} on: deployments upgrade it and drift reads it over
 * short connections (only the superuser and the owner may connect). PostgreSQL makes a copy wait
 * for such a session to end (up to 5 s, then SQLSTATE 55006, tried once more before the creation
 * falls back to replaying); {@code datistemplate} is set so it cannot be dropped by mistake.
 */
public final class Templates {
  private static final Logger LOG = LoggerFactory.getLogger(Templates.class);

  private final TemplateRepository templates = new TemplateRepository();
  private final ClusterRepository clusters = new ClusterRepository();

  /**
   * The template to copy a new tenant of {@code blueprint} on {@code clusterId} from: present when
   * the metadata says it reached the {@code released} version.
   */
  public Optional<String> copySource(
      Connection c, long blueprintId, String blueprint, long clusterId, int released)
      throws SQLException {
    return templates
        .find(c, blueprintId, clusterId)
        .filter(t -> t.version() == released)
        .map(t -> Names.templateDatabase(blueprint));
  }

  /**
   * Makes the template (unless it exists) and upgrades it to {@code target}, every step safe to
   * repeat or run concurrently; records the version it reached and, when it failed, why.
   *
   * @return true when it reached {@code target}
   */
  public boolean bringUp(
      MetadataStore store,
      ClusterPools pools,
      Target target,
      List<ChangeRow> changes,
      Long deploymentId) {
    ClusterAdmin admin =
        pools.admin(store.inTransaction(c -> clusters.findById(c, target.clusterId())));
    int reached;
    String error = null;
    String sqlState = null;
    try {
      reached = make(admin, target.blueprint(), changes, target.version()).toVersion();
    } catch (UpgradeException e) {
      reached = e.reachedVersion();
      error = e.getMessage();
      sqlState = e.sqlState();
    } catch (SQLException e) {
      reached = 0;
      error = e.getMessage();
      sqlState = e.getSQLState();
    } catch (RuntimeException e) {
      reached = 0;
      error = e.getMessage();
    }
    int version = reached;
    String why = error;
    String state = sqlState;
    if (why != null) {
      LOG.warn(
          "template of blueprint {} stopped at version {}: {}", target.blueprint(), version, why);
    }
    store.inTransaction(
        c -> {
          templates.record(
              c, target.blueprintId(), target.clusterId(), version, deploymentId, why, state);
          return null;
        });
    return why == null && version >= target.version();
  }

  /**
   * Drops a blueprint's templates on every cluster, and there its owner role when nothing else
   * needs it; with the workspace, once no tenant is left.
   */
  public void dropAll(Connection c, ClusterPools pools, long blueprintId, String blueprint)
      throws SQLException {
    for (TemplateRow template : templates.ofBlueprint(c, blueprintId)) {
      ClusterAdmin admin = pools.admin(clusters.findById(c, template.clusterId()));
      admin.dropTemplate(Names.templateDatabase(blueprint));
      admin.dropRoleIfUnused(Names.ownerRole(blueprint));
      templates.forget(c, blueprintId, template.clusterId());
    }
  }

  /**
   * Drops a blueprint's template on one cluster, whose last tenant of it is gone, and forgets it.
   */
  public void drop(
      Connection c, ClusterAdmin admin, long blueprintId, String blueprint, long clusterId)
      throws SQLException {
    admin.dropTemplate(Names.templateDatabase(blueprint));
    templates.forget(c, blueprintId, clusterId);
  }

  /** The templates a blueprint has, by cluster. */
  public List<TemplateRow> of(Connection c, long blueprintId) throws SQLException {
    return templates.ofBlueprint(c, blueprintId);
  }

  private static TenantUpgrader.Outcome make(
      ClusterAdmin admin, String blueprint, List<ChangeRow> changes, int target)
      throws SQLException, UpgradeException {
    String owner = Names.ownerRole(blueprint);
    String database = Names.templateDatabase(blueprint);
    admin.createOwnerRole(owner);
    admin.createDatabaseIfMissing(database, owner);
    admin.closeToPublic(database);
    admin.closeSchemas(database);
    admin.guardTemplate(database, owner);
    TenantUpgrader.Outcome outcome =
        DeploymentRunner.upgrade(admin, database, owner, changes, target);
    admin.markTemplate(database);
    return outcome;
  }

  /**
   * A template to bring up.
   *
   * @param blueprintId the blueprint's key
   * @param blueprint its name
   * @param clusterId the cluster
   * @param version the version to reach
   */
  public record Target(long blueprintId, String blueprint, long clusterId, int version) {}
}
