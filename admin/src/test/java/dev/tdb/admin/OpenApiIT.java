/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.http.HttpApi;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document describes exactly the endpoints the server has. */
@ExtendWith(PostgresExtension.class)
final class OpenApiIT {
  private static AdminFixture fixture;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void documentsEveryEndpointAndNothingElse() {
    Api.Reply reply = Api.anonymous(fixture.uri()).get("/v1/openapi.json");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode document = reply.json();
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(reply.response().body()).isEqualTo(HttpApi.openApiDocument());
    List<String> documented = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        assertThat(operation.getValue().get("responses").size()).isPositive();
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(fixture.server.endpoints());
  }

  @Test
  void resolvesEveryReference() {
    JsonNode document = Api.anonymous(fixture.uri()).get("/v1/openapi.json").json();
    for (String reference : document.findValuesAsText("$ref")) {
      JsonNode target = document.at(reference.substring(1));
      assertThat(target.isMissingNode()).as(reference).isFalse();
    }
  }
}
