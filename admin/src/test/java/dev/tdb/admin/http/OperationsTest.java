/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operation table that drives registration says what the served OpenAPI document says: the same
 * operations, each with its operationId and summary, open exactly where the document needs no
 * security.
 */
final class OperationsTest {
  @Test
  void tableAndDocumentListTheSameOperations() throws IOException {
    List<String> documented = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document().get("paths").properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (!method.equals("parameters")) {
                  documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
              });
    }
    assertThat(Operations.all())
        .extracting(Operation::endpoint)
        .containsExactlyElementsOf(documented);
  }

  @Test
  void eachEntryCarriesTheDocumentsNameSummaryAndSecurity() throws IOException {
    JsonNode paths = document().get("paths");
    for (Operation operation : Operations.all()) {
      JsonNode documented =
          paths.get(operation.path()).get(operation.method().name().toLowerCase(Locale.ROOT));
      assertThat(documented.get("operationId").asText())
          .as(operation.endpoint())
          .isEqualTo(operation.operationId());
      assertThat(documented.path("summary").asText())
          .as(operation.endpoint())
          .isEqualTo(operation.summary());
      boolean open = documented.has("security") && documented.get("security").isEmpty();
      assertThat(open)
          .as(operation.endpoint() + " is open in the document")
          .isEqualTo(operation.access().routeClass().isEmpty());
    }
  }

  @Test
  void operationIdsAreUnique() {
    assertThat(Operations.all()).extracting(Operation::operationId).doesNotHaveDuplicates();
  }

  private static JsonNode document() throws IOException {
    try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}
