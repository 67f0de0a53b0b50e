/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What the data-plane credential tests share: issuing credentials and checking SQL outcomes. */
final class CredentialChecks {
  private CredentialChecks() {}

  /** Issues a credential as {@code owner}; its user and secret. */
  static AccountCredentials issue(Api owner, Map<String, ?> request) {
    Api.Reply reply = owner.post("/v1/credentials", request);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode credential = reply.json().get("credential");
    assertThat(credential.get("user").asText()).matches("tdbc_[0-9a-f]{12}");
    return new AccountCredentials(
        credential.get("user").asText(), reply.json().get("secret").asText());
  }

  /** The id of {@code owner}'s credential {@code user}. */
  static String credentialId(Api owner, String user) {
    for (JsonNode item : owner.get("/v1/credentials?limit=1000").json().get("items")) {
      if (item.get("user").asText().equals(user)) {
        return item.get("id").asText();
      }
    }
    throw new AssertionError("no credential " + user);
  }

  /** The first column of the first row of {@code sql}. */
  static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Runs {@code sql}, expecting it to fail with SQLSTATE {@code state}. */
  static void assertSqlState(Statement s, String sql, String state) {
    assertThatThrownBy(() -> s.execute(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
  }

  /** Waits until {@code condition} holds, at most {@code bound}. */
  static void poll(BooleanSupplier condition, Duration bound) {
    await().atMost(bound).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
  }

  /** Asserts a 201. */
  static void created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }
}
