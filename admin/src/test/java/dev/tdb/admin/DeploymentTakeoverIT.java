/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.deployments.DeploymentLease;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running admin server takes over a deployment whose owner stopped renewing its lease, within the
 * lease's TTL and one scan, with every tenant upgraded exactly once; a live owner keeps its
 * deployments. The fixture's server is the surviving peer; the owner is a second server on the same
 * metadata database.
 */
@ExtendWith(PostgresExtension.class)
final class DeploymentTakeoverIT {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentTakeoverIT.class);
  private static final DeploymentLease LEASE =
      new DeploymentLease(Duration.ofSeconds(3), Duration.ofMillis(500));
  private static AdminFixture fixture;
  private static Blueprints blueprints;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    blueprints =
        Blueprints.onOneCluster(postgres, 1000, c -> c.toBuilder().deploymentLease(LEASE).build());
    fixture = blueprints.fixture;
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  /**
   * The owner halts mid-deployment as a killed process would (its pools close under running work,
   * its leases are neither renewed nor given up) and its tenant sessions end on the server; the
   * peer claims the lease once it expired and finishes. Each tenant's change creates a table, so a
   * second application would fail, and inserts a row, so it would show twice.
   */
  @Test
  void aPeerFinishesTheDeploymentOfAnOwnerThatDiedWithinTheLeaseTtl() throws Exception {
    String blueprint = slowBlueprint("dies", 16, 0.3);
    int target = blueprints.versions(blueprint).size();
    AdminServer owner = fixture.startAnother();
    long id;
    String ownerId;
    try {
      id =
          new Blueprints(fixture, Api.basic(owner.baseUri(), fixture.admin))
              .deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 2));
      awaitTenants(id, "succeeded", 4);
      ownerId = leaseOwner(id);
      assertThat(ownerId).isNotNull();
    } catch (Exception | AssertionError e) {
      owner.close();
      throw e;
    }
    owner.halt();
    Instant halted = Instant.now();
    terminateSessionsOf(blueprint + "__owner");
    assertThat(
            scalar(
                "SELECT count(*) FROM deployment_tenants WHERE deployment_id = ?"
                    + " AND status IN ('pending', 'running')",
                id))
        .as("tenants left at the owner's death")
        .isNotEqualTo("0");

    Duration takeover = awaitLeaseLeaves(id, ownerId, halted, LEASE.ttl().plusSeconds(10));
    LOG.info("deployment {} taken over {} ms after its owner halted", id, takeover.toMillis());
    assertThat(takeover).isLessThan(LEASE.ttl().plus(LEASE.renewInterval().multipliedBy(4)));
    assertThat(takeover).isGreaterThan(LEASE.ttl().minus(LEASE.renewInterval().multipliedBy(2)));

    JsonNode done = blueprints.awaitDeployment(id);
    assertThat(done.get("status").asText()).as("%s", done.get("counts")).isEqualTo("succeeded");
    assertThat(done.get("tenants")).hasSize(16);
    for (JsonNode tenant : done.get("tenants")) {
      assertThat(tenant.get("status").asText()).as(tenant.toString()).isIn("succeeded", "skipped");
      assertThat(tenant.get("to_version").asInt()).as(tenant.toString()).isEqualTo(target);
      assertAppliedOnce(tenant.get("logical_name").asText(), target);
    }
    assertThat(leaseOwner(id)).as("released when finished").isNull();
  }

  /**
   * A deployment lasting more than twice the lease TTL stays with the server that renews its lease,
   * though the peer scans for expired leases all along: each tenant is upgraded once, by the owner.
   */
  @Test
  void aLiveOwnersLeaseIsNeverTaken() throws Exception {
    String blueprint = slowBlueprint("lives", 8, 0.8);
    try (AdminServer owner = fixture.startAnother()) {
      long id =
          new Blueprints(fixture, Api.basic(owner.baseUri(), fixture.admin))
              .deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 1));
      awaitTenants(id, "running", 1);
      String ownerId = leaseOwner(id);
      assertThat(ownerId).isNotNull();
      Instant started = Instant.now();
      while (scalar("SELECT status FROM deployments WHERE id = ?", id).equals("running")) {
        assertThat(leaseOwner(id)).as("lease of deployment %d", id).isIn(ownerId, null);
        assertThat(Instant.now()).isBefore(started.plusSeconds(60));
        Thread.sleep(50);
      }
      assertThat(Duration.between(started, Instant.now()))
          .as("the deployment outlived two TTLs")
          .isGreaterThan(LEASE.ttl().multipliedBy(2));
      JsonNode done = blueprints.awaitDeployment(id);
      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      for (JsonNode tenant : done.get("tenants")) {
        assertThat(tenant.get("status").asText()).as(tenant.toString()).isEqualTo("succeeded");
        assertAppliedOnce(tenant.get("logical_name").asText(), 1);
      }
    }
  }

  /**
   * A peer takes the lease while the owner still runs (as when the owner stood still past the TTL):
   * from then on the owner claims no tenant and records no result, and its renewals leave the
   * peer's lease alone. When that lease expires in turn, the fixture's server finishes the
   * deployment, applying each change once.
   */
  @Test
  void anOwnerThatLostItsLeaseStartsNoFurtherTenantAndRecordsNothing() throws Exception {
    String blueprint = slowBlueprint("lost", 10, 0.4);
    try (AdminServer owner = fixture.startAnother()) {
      long id =
          new Blueprints(fixture, Api.basic(owner.baseUri(), fixture.admin))
              .deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 2));
      awaitTenants(id, "succeeded", 2);
      scalar(
          "UPDATE deployments SET lease_owner = 'a peer', lease_renewed_at = now(),"
              + " lease_expires_at = now() + interval '1 hour' WHERE id = ? RETURNING id",
          id);
      String taken = statuses(id);
      assertThat(taken).contains("pending");
      // Nothing may happen here, so there is no condition to poll: watch for four renewals.
      Thread.sleep(LEASE.renewInterval().multipliedBy(4).toMillis());
      assertThat(statuses(id)).as("tenant statuses after the lease was lost").isEqualTo(taken);
      assertThat(leaseOwner(id)).isEqualTo("a peer");

      scalar(
          "UPDATE deployments SET lease_expires_at = now() - interval '1 second'"
              + " WHERE id = ? RETURNING id",
          id);
      JsonNode done = blueprints.awaitDeployment(id);
      assertThat(done.get("status").asText()).as("%s", done.get("counts")).isEqualTo("succeeded");
      for (JsonNode tenant : done.get("tenants")) {
        assertThat(tenant.get("status").asText())
            .as(tenant.toString())
            .isIn("succeeded", "skipped");
        assertAppliedOnce(tenant.get("logical_name").asText(), 1);
      }
    }
  }

  /**
   * A blueprint with {@code count} tenants and one change that takes {@code seconds} per tenant,
   * creates a table (so applying it twice fails) and inserts a row (so it would show twice).
   */
  private static String slowBlueprint(String hint, int count, double seconds) throws Exception {
    String blueprint = blueprints.create(hint);
    List<String> tenants = IntStream.range(0, count).mapToObj(i -> hint + i).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> creations = new ArrayList<>();
      for (String tenant : tenants) {
        creations.add(
            () -> {
              blueprints.tenant(blueprint, tenant);
              return null;
            });
      }
      for (Future<Void> creation : pool.invokeAll(creations)) {
        creation.get();
      }
    } finally {
      pool.shutdown();
    }
    blueprints.change(
        blueprint,
        "DO $$ BEGIN PERFORM pg_sleep("
            + seconds
            + "); CREATE TABLE applied (n int); INSERT INTO applied VALUES (1); END $$");
    return blueprint;
  }

  private static void assertAppliedOnce(String logical, int target) throws SQLException {
    try (Connection connection = fixture.postgres.connect(logical);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM applied) || ' ' || version || '/'"
                    + " || coalesce(pending_version, 0) FROM tdb_catalog.schema_version")) {
      rs.next();
      assertThat(rs.getString(1)).as(logical).isEqualTo("1 " + target + "/0");
    }
  }

  /**
   * How long from {@code start} until deployment {@code id}'s lease is no longer {@code ownerId}'s.
   */
  private static Duration awaitLeaseLeaves(long id, String ownerId, Instant start, Duration bound) {
    await("deployment " + id + " taken over")
        .atMost(bound.minus(Duration.between(start, Instant.now())))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !Objects.equals(leaseOwner(id), ownerId));
    return Duration.between(start, Instant.now());
  }

  private static void awaitTenants(long id, String status, int atLeast) {
    String sql =
        "SELECT count(*) FROM deployment_tenants WHERE deployment_id = ? AND status = '"
            + status
            + "'";
    await("deployment " + id + ": " + atLeast + " " + status)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Integer.parseInt(scalar(sql, id)) >= atLeast);
  }

  /** Each tenant's status in deployment {@code id}, in logical-name order. */
  private static String statuses(long id) throws SQLException {
    return scalar(
        "SELECT string_agg(logical_name || '=' || status, ',' ORDER BY logical_name)"
            + " FROM deployment_tenants WHERE deployment_id = ?",
        id);
  }

  private static String leaseOwner(long id) throws SQLException {
    return scalar("SELECT lease_owner FROM deployments WHERE id = ?", id);
  }

  private static String scalar(String sql, long id) throws SQLException {
    try (Connection connection = fixture.postgres.connect(fixture.metadataDatabase);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** Ends every session of {@code role} on the server, rolling back what it had in flight. */
  private static void terminateSessionsOf(String role) throws SQLException {
    try (Connection connection = fixture.postgres.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
      statement.setString(1, role);
      statement.execute();
    }
  }
}
