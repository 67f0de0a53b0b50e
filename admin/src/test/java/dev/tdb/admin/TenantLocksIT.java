/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin's advisory locks inside tenant and workspace databases can be taken by those databases'
 * own roles; holding one fails that tenant's operation in bounded time, naming the holder, instead
 * of hanging the admin service, and the operation succeeds once the lock is released.
 */
@ExtendWith(PostgresExtension.class)
final class TenantLocksIT {
  private static final Duration WAIT = Duration.ofSeconds(1);

  private static AdminFixture fixture;
  private static AdminServer server;
  private static Blueprints blueprints;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 50).status())
        .isEqualTo(201);
    server = AdminServer.start(fixture.config.toBuilder().lockWait(WAIT).build());
    blueprints = new Blueprints(fixture, Api.basic(server.baseUri(), fixture.admin));
  }

  @AfterAll
  static void stop() throws SQLException {
    server.close();
    fixture.close();
  }

  @Test
  void aTenantHoldingTheUpgradeLockFailsItsDeploymentInBoundedTimeNotTheAdmin() throws Exception {
    String blueprint = blueprints.create("locks");
    blueprints.tenant(blueprint, "holder");
    blueprints.tenant(blueprint, "other");
    Api.Reply allowed =
        blueprints.api.patch(
            "/v1/workspaces/" + blueprint + "_workspace/settings",
            Map.of("allow_advisory_locks", true));
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    blueprints.change(blueprint, "CREATE TABLE items (id int)");
    String holderRole = blueprint + "__holder__rt";

    JsonNode failed;
    long started = System.nanoTime();
    try (Connection tenant = blueprints.connect(blueprint + "__holder", "");
        Statement statement = tenant.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(7340021, 4)");
      failed = blueprints.awaitDeployment(deploy(blueprint));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    for (JsonNode tenant : failed.get("tenants")) {
      boolean holder = tenant.get("logical_name").asText().endsWith("__holder");
      assertThat(tenant.get("status").asText()).isEqualTo(holder ? "failed" : "succeeded");
      if (holder) {
        assertThat(tenant.get("sql_state").asText()).isEqualTo("55P03");
        assertThat(tenant.get("error").asText())
            .contains("upgrade lock")
            .contains("held by role " + holderRole)
            .contains("within " + WAIT.toMillis() + " ms");
      }
    }

    JsonNode retried = blueprints.awaitDeployment(deploy(blueprint));
    assertThat(retried.get("status").asText()).as(retried.toString()).isEqualTo("succeeded");
    assertThat(blueprints.tenantVersion(blueprint + "__holder")).isEqualTo("1");
  }

  @Test
  void aWorkspaceSessionHoldingTheCaptureLockFailsASchemaChangeInBoundedTime() throws SQLException {
    String blueprint = blueprints.create("capture");
    String path = "/v1/workspaces/" + blueprint + "_workspace/schema";
    Api.Reply refused;
    try (Connection workspace = blueprints.workspace(blueprint, "");
        Statement statement = workspace.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(7340021, 2)");
      refused = blueprints.api.post(path, Map.of("template", "blog"));
    }
    assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(400);
    assertThat(refused.errorMessage())
        .contains("capture lock")
        .contains("held by role " + blueprint + "_workspace__rt");

    Api.Reply applied = blueprints.api.post(path, Map.of("template", "blog"));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
  }

  private static long deploy(String blueprint) {
    return blueprints.deploy(Map.of("blueprint", blueprint, "all", true));
  }
}
