/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client script must have seen after the shared tenant scenario (the {@code scenario} module
 * beside the scripts): insert apple, pear and plum; update pear; delete plum; a parameterized query
 * for quantities above 5; a rolled back insert of fig and a committed insert of kiwi; then DDL
 * refused by the proxy, with the connection still usable.
 */
final class TenantScenario {
  private TenantScenario() {}

  /** Asserts the rows and the refusal the client reported. */
  static void assertSeen(String client, JsonNode result) {
    assertThat(result.path("client").asText()).isEqualTo(client);
    assertThat(result.path("inserted").asInt()).as("rows inserted").isEqualTo(3);
    assertThat(texts(result.path("selected"))).containsExactly("apple", "pear", "plum");
    assertThat(result.path("updated").asInt()).as("rows updated").isEqualTo(1);
    assertThat(result.path("deleted").asInt()).as("rows deleted").isEqualTo(1);
    assertThat(texts(result.path("prepared"))).as("parameterized query").containsExactly("pear:12");
    assertThat(texts(result.path("final")))
        .as("after the transactions")
        .containsExactly("apple", "kiwi", "pear");
    JsonNode ddl = result.path("ddl");
    assertThat(ddl.path("sqlstate").asText()).as("SQLSTATE of the DDL").isEqualTo("42501");
    assertThat(ddl.path("message").asText()).isEqualTo(Policy.TENANT_DDL_MESSAGE);
    assertThat(ddl.path("usableAfter").asInt()).as("query after the refusal").isEqualTo(3);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
