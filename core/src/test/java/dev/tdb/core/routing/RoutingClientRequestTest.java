/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tdb.core.routing.RoutingException.Reason;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RoutingClientRequestTest {
  private static final String NAME = "myapp__acme";

  private final FakeTicker ticker = new FakeTicker();
  private AdminStub admin;

  @BeforeEach
  void start() {
    admin = AdminStub.start();
    admin.put(AdminStub.entry(NAME, 17));
  }

  @AfterEach
  void stop() {
    admin.close();
  }

  @Test
  void sendsAccountCredentialsWithHttpBasic() throws RoutingException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("tdb_3f9a01c2:account-secret-42".getBytes(StandardCharsets.UTF_8));
    admin.requireAuthorization(expected);

    try (RoutingClient client = ClientFixture.client(admin, ticker)) {
      client.resolve(NAME);
    }

    assertThat(admin.lastRequest().authorization()).isEqualTo(expected);
  }

  @Test
  void sendsAnApiKeyAsBearerToken() throws RoutingException {
    String key = "tdbk_0123456789abcdefghijABCDEFGHIJ-_xyzXYZ";
    admin.requireAuthorization("Bearer " + key);

    try (RoutingClient client =
        new RoutingClient(ClientFixture.options(admin, new AdminCredentials.ApiKey(key)), ticker)) {
      client.resolve(NAME);
    }

    assertThat(admin.lastRequest().authorization()).isEqualTo("Bearer " + key);
  }

  @Test
  void encodesTheLogicalNameAsOnePathSegment() {
    try (RoutingClient client = ClientFixture.client(admin, ticker)) {
      RoutingException failure =
          catchThrowableOfType(RoutingException.class, () -> client.resolve("a b/c?d"));

      assertThat(failure.reason()).isEqualTo(Reason.UNKNOWN_DATABASE);
    }

    assertThat(admin.lastRequest().rawPath()).isEqualTo("/v1/routing/a%20b%2Fc%3Fd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", ".."})
  void namesThatAreNoPathSegmentAreUnknownWithoutARequest(String name) {
    try (RoutingClient client = ClientFixture.client(admin, ticker)) {
      RoutingException failure =
          catchThrowableOfType(RoutingException.class, () -> client.resolve(name));

      assertThat(failure.reason()).isEqualTo(Reason.UNKNOWN_DATABASE);
    }

    assertThat(admin.requestCount()).isZero();
  }

  @Test
  void toleratesATrailingSlashOnTheAdminUri() throws RoutingException {
    RoutingClient.Options options = ClientFixture.options(admin, ClientFixture.ACCOUNT);
    RoutingClient.Options withSlash =
        new RoutingClient.Options(
            URI.create(admin.uri() + "/"),
            options.credentials(),
            options.refreshAfter(),
            options.maxStaleness(),
            options.negativeCacheTime(),
            options.requestTimeout(),
            null,
            null);

    try (RoutingClient client = new RoutingClient(withSlash, ticker)) {
      client.resolve(NAME);
    }

    assertThat(admin.lastRequest().rawPath()).isEqualTo("/v1/routing/" + NAME);
  }

  @Test
  void sendsRequestsThroughAGivenHttpClient() throws RoutingException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    try (RoutingClient client =
        new RoutingClient(
            ClientFixture.options(admin, ClientFixture.ACCOUNT).withHttpClient(http), ticker)) {
      assertThat(client.resolve(NAME).epoch()).isEqualTo(17);
    }
  }
}
