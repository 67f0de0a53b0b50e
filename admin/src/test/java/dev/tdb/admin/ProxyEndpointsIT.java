/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The proxy's endpoints answer admin accounts only, and route only to what the account owns. */
@ExtendWith(PostgresExtension.class)
final class ProxyEndpointsIT {
  private static AdminFixture fixture;
  private static AccountCredentials owner;
  private static AccountCredentials stranger;
  private static String workspace;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    owner = fixture.newAccount();
    stranger = fixture.newAccount();
    workspace = fixture.blueprint("px") + "_workspace";
    Api.Reply created =
        Api.basic(fixture.uri(), owner)
            .post("/v1/workspaces", Map.of("name", workspace, "mode", "workspace"));
    assertThat(created.status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void givesAnAdminTheVerifierOfAnAccountSecret() {
    Api.Reply reply = fixture.adminApi().get("/v1/proxy/accounts/" + owner.user());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("user").asText()).isEqualTo(owner.user());
    ScramVerifier verifier = ScramVerifier.parse(reply.json().get("scram_verifier").asText());
    assertThat(verifier.matches(owner.secret())).isTrue();
    assertThat(verifier.matches(stranger.secret())).isFalse();
  }

  @Test
  void refusesVerifiersToMemberAccounts() {
    Api.Reply reply = Api.basic(fixture.uri(), owner).get("/v1/proxy/accounts/" + owner.user());
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.body()).doesNotContain("SCRAM-SHA-256$");
  }

  @Test
  void answers404ForAnUnknownAccount() {
    assertThat(fixture.adminApi().get("/v1/proxy/accounts/tdb_00000000").status()).isEqualTo(404);
  }

  @Test
  void givesTheRoutingEntryOnBehalfOfItsOwner() {
    Api.Reply reply =
        fixture.adminApi().get("/v1/proxy/routing/" + workspace + "?account=" + owner.user());
    assertThat(reply.status()).isEqualTo(200);
    JsonNode entry = reply.json();
    assertThat(entry.get("logical_name").asText()).isEqualTo(workspace);
    assertThat(entry.get("role").asText()).isEqualTo(workspace + "__rt");
    assertThat(reply.header("ETag")).isEqualTo("\"" + entry.get("epoch").asLong() + "\"");
  }

  @Test
  void hidesAnEntryFromAnAccountThatDoesNotOwnIt() {
    Api.Reply reply =
        fixture.adminApi().get("/v1/proxy/routing/" + workspace + "?account=" + stranger.user());
    assertThat(reply.status()).isEqualTo(404);
    Api.Reply unknown =
        fixture.adminApi().get("/v1/proxy/routing/" + workspace + "?account=tdb_00000000");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void refusesRoutingEntriesToMemberAccounts() {
    Api.Reply reply =
        Api.basic(fixture.uri(), owner)
            .get("/v1/proxy/routing/" + workspace + "?account=" + owner.user());
    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void requiresTheAccountParameter() {
    Api.Reply reply = fixture.adminApi().get("/v1/proxy/routing/" + workspace);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").get("message").asText()).startsWith("account");
  }
}
