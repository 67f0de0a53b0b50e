/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.Server;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where new databases go: the named cluster, or the one with most free capacity. */
@ExtendWith(PostgresExtension.class)
final class PlacementIT {
  private static AdminFixture fixture;
  private static TestPostgres two;
  private static Api api;
  private static String big;
  private static String small;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres, @Server("second") TestPostgres second)
      throws SQLException {
    fixture = AdminFixture.start(postgres);
    two = second;
    big = fixture.prefix + "-big";
    small = fixture.prefix + "-small";
    assertThat(fixture.registerCluster(big, postgres, 5).status()).isEqualTo(201);
    assertThat(fixture.registerCluster(small, second, 3).status()).isEqualTo(201);
    api = Api.basic(fixture.uri(), fixture.newAccount());
    blueprint = fixture.blueprint("place");
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.cleanUp(two);
    fixture.close();
  }

  @Test
  void placesOnTheClusterWithMostFreeCapacityOrTheNamedOne() throws SQLException {
    // big: 5 - 1 workspace = 4 free; small: 3 free.
    assertThat(
            api.post(
                    "/v1/workspaces",
                    Map.of("name", blueprint + "_workspace", "mode", "workspace", "cluster", big))
                .status())
        .isEqualTo(201);
    assertThat(tenant("a", null)).isEqualTo(big); // big 3 free, small 3
    assertThat(tenant("b", null)).isEqualTo(big); // tie 3/3 goes by name: big; now big 2
    assertThat(tenant("c", null)).isEqualTo(small); // small 3 > big 2
    assertThat(tenant("d", big)).isEqualTo(big); // named; big 1, small 2
    assertThat(tenant("e", null)).isEqualTo(small);
    assertThat(fixture.databases(two)).containsExactly(blueprint + "__c", blueprint + "__e");

    var clusters = api.get("/v1/clusters").json().get("items");
    assertThat(clusters.get(0).get("name").asText()).isEqualTo(big);
    assertThat(clusters.get(0).get("tenant_count").asInt()).isEqualTo(3);
    assertThat(clusters.get(0).get("free_capacity").asInt()).isEqualTo(1);
    assertThat(clusters.get(1).get("free_capacity").asInt()).isEqualTo(1);

    assertThat(tenant("f", big)).isEqualTo(big);
    Api.Reply full =
        api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "g", "cluster", big));
    assertThat(full.status()).isEqualTo(409);
    assertThat(full.errorCode()).isEqualTo("cluster_full");
    assertThat(tenant("g", null)).isEqualTo(small);
    Api.Reply none = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "h"));
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.errorCode()).isEqualTo("no_cluster_capacity");
    Api.Reply unknown =
        api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "h", "cluster", "nowhere"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("cluster_not_found");

    Api.Reply inUse = fixture.adminApi().delete("/v1/clusters/" + small);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorCode()).isEqualTo("cluster_in_use");
  }

  private static String tenant(String name, String cluster) {
    Map<String, String> body =
        cluster == null
            ? Map.of("blueprint", blueprint, "name", name)
            : Map.of("blueprint", blueprint, "name", name, "cluster", cluster);
    Api.Reply reply = api.post("/v1/tenants", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("cluster").asText();
  }
}
