/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ContractJsonTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /**
   * The admin service writes with snake_case naming: the contract's names must not depend on it.
   */
  private static final ObjectMapper SNAKE =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  @Test
  void errorBodyKeepsANullHint() throws Exception {
    String json =
        PLAIN.writeValueAsString(new ApiError.Body(new ApiError("x_not_found", "m", null)));

    assertThat(json)
        .isEqualTo("{\"error\":{\"code\":\"x_not_found\",\"message\":\"m\",\"hint\":null}}");
    assertThat(SNAKE.writeValueAsString(new ApiError.Body(new ApiError("x_not_found", "m", null))))
        .isEqualTo(json);
  }

  @Test
  void importSpecWritesSnakeCaseNamesAndLeavesAbsentFieldsOut() throws Exception {
    ImportSpec spec = ImportSpec.source("db", 5433, "legacy", "reader", null, "account_id");

    String json = PLAIN.writeValueAsString(spec);

    assertThat(json)
        .isEqualTo(
            "{\"host\":\"db\",\"port\":5433,\"database\":\"legacy\",\"user\":\"reader\","
                + "\"routing_field\":\"account_id\"}");
    assertThat(SNAKE.readValue(json, ImportSpec.class)).isEqualTo(spec);
  }

  @Test
  void importSpecNeverShowsThePassword() {
    assertThat(ImportSpec.source("db", 5432, "legacy", "reader", "s3cret", null).toString())
        .doesNotContain("s3cret");
  }

  @Test
  void proxyAccountFromAnOlderAdminFallsBackToTheOneVerifier() throws Exception {
    ProxyAccount account =
        PLAIN.readValue("{\"user\":\"tdb_1\",\"scram_verifier\":\"v1\"}", ProxyAccount.class);

    assertThat(account.verifiers()).containsExactly("v1");
    assertThat(account.toString()).doesNotContain("v1");
  }

  @Test
  void proxyAccountListsEveryVerifierNewestFirst() throws Exception {
    ProxyAccount account = new ProxyAccount("tdb_1", "v2", List.of("v2", "v1"));

    String json = SNAKE.writeValueAsString(account);

    assertThat(json).contains("\"scram_verifiers\":[\"v2\",\"v1\"]");
    assertThat(PLAIN.readValue(json, ProxyAccount.class).verifiers()).containsExactly("v2", "v1");
  }
}
