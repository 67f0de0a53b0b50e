/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first tenants of a blueprint on a cluster, created at once (as by two admin replicas, or one
 * with parallel requests), each create the blueprint's owner role: the one that loses the race uses
 * the winner's role instead of failing.
 */
@ExtendWith(PostgresExtension.class)
final class OwnerRoleRaceIT {
  private static AdminFixture fixture;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = Blueprints.onOneCluster(postgres, 100).fixture;
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  /**
   * The test creates the owner role in a transaction it keeps open, so the admin's CREATE ROLE
   * waits for it; once the test commits, PostgreSQL answers the admin with 23505 (not 42710, which
   * it gives for a role that existed before), and the workspace is still created.
   */
  @Test
  void aWorkspaceWhoseOwnerRoleAnotherSessionCreatesMeanwhileIsCreated() throws Exception {
    String blueprint = fixture.blueprint("race");
    try (Connection rival = fixture.postgres.connect();
        Statement statement = rival.createStatement()) {
      rival.setAutoCommit(false);
      statement.execute("CREATE ROLE " + blueprint + "__owner");
      CompletableFuture<Api.Reply> creation =
          CompletableFuture.supplyAsync(
              () ->
                  fixture
                      .adminApi()
                      .post(
                          "/v1/workspaces",
                          Map.of("name", blueprint + "_workspace", "mode", "workspace")));
      awaitWaitingCreateRole();
      rival.commit();
      Api.Reply reply = creation.get(60, TimeUnit.SECONDS);
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
    assertThat(fixture.databases(fixture.postgres)).contains(blueprint + "_workspace");
  }

  /** Waits until a CREATE ROLE waits for a lock (the rival's uncommitted role). */
  private static void awaitWaitingCreateRole() {
    await("the admin's CREATE ROLE waiting")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                AdminFixture.scalar(
                        fixture.postgres,
                        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query LIKE 'CREATE ROLE%'")
                    != null);
  }
}
