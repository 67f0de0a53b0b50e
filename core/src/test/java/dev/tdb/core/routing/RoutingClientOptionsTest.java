/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RoutingClientOptionsTest {
  private static final URI ADMIN = URI.create("https://admin.example.com:8443");
  private static final AdminCredentials ACCOUNT =
      new AdminCredentials.Account("tdb_3f9a01c2", "account-secret-42");

  @Test
  void defaultsAreTheDocumentedOnes() {
    RoutingClient.Options options = RoutingClient.Options.of(ADMIN, ACCOUNT);

    assertThat(options.refreshAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.maxStaleness()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.negativeCacheTime()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.sslContext()).isNull();
    assertThat(options.httpClient()).isNull();
  }

  @Test
  void toStringShowsNeitherTheSecretNorTheApiKey() {
    String key = "tdbk_0123456789abcdefghijABCDEFGHIJ-_xyzXYZ";

    String withAccount = RoutingClient.Options.of(ADMIN, ACCOUNT).toString();
    String withKey = RoutingClient.Options.of(ADMIN, new AdminCredentials.ApiKey(key)).toString();

    assertThat(withAccount).contains("tdb_3f9a01c2").doesNotContain("account-secret-42");
    assertThat(withKey).doesNotContain(key).doesNotContain("tdbk_");
  }

  @Test
  void routingEntryToStringHidesThePassword() {
    RoutingEntry entry = AdminStub.entry("myapp__acme", 17);

    assertThat(entry.toString()).contains("myapp__acme").doesNotContain(entry.password());
  }

  @Test
  void rejectsUserInfoInTheAdminUriWithoutEchoingIt() {
    URI withPassword = URI.create("https://tdb_3f9a01c2:hunter2@admin.example.com");

    assertThatThrownBy(() -> RoutingClient.Options.of(withPassword, ACCOUNT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user info")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://admin.example.com", "admin.example.com", "http:opaque"})
  void rejectsAdminUrisThatAreNotHttpOrHttps(String uri) {
    assertThatThrownBy(() -> RoutingClient.Options.of(URI.create(uri), ACCOUNT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonPositiveDurations() {
    RoutingClient.Options options = RoutingClient.Options.of(ADMIN, ACCOUNT);

    assertThatThrownBy(() -> options.withRequestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> options.withNegativeCacheTime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negativeCacheTime");
  }

  @Test
  void rejectsMaxStalenessShorterThanRefreshAfter() {
    RoutingClient.Options options = RoutingClient.Options.of(ADMIN, ACCOUNT);

    assertThatThrownBy(() -> options.withMaxStaleness(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStaleness");
  }

  @Test
  void rejectsAnSslContextTogetherWithAnHttpClient() throws NoSuchAlgorithmException {
    RoutingClient.Options options =
        RoutingClient.Options.of(ADMIN, ACCOUNT).withSslContext(SSLContext.getDefault());

    assertThatThrownBy(() -> options.withHttpClient(HttpClient.newHttpClient()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsCredentialsThatHttpCannotCarry() {
    assertThatThrownBy(() -> new AdminCredentials.Account("tdb:x", "secret"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdminCredentials.ApiKey("tdbk_abc\r\nX-Injected: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
