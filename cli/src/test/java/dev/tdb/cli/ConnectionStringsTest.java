/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ConnectionStringsTest {
  private static final ProxyEndpoint PROXY =
      new ProxyEndpoint("127.0.0.1", 6543, "/home/you/.tdb/proxy-tls/ca.crt");

  @Test
  void keepsAPlainPathAsItIs() {
    assertThat(ConnectionStrings.encodePath("/home/you/.tdb/proxy-tls/ca.crt"))
        .isEqualTo("/home/you/.tdb/proxy-tls/ca.crt");
  }

  @Test
  void escapesWhatAQueryValueCannotHoldAndNeverWritesPlusForASpace() {
    assertThat(ConnectionStrings.encodePath("/home/a b/ü+%&=#.tdb/ca.crt"))
        .isEqualTo("/home/a%20b/%C3%BC%2B%25%26%3D%23.tdb/ca.crt");
  }

  @Test
  void pointsAtLoopbackForAWildcardAddressAndBracketsIpv6() {
    assertThat(ConnectionStrings.urlHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(ConnectionStrings.urlHost("::")).isEqualTo("127.0.0.1");
    assertThat(ConnectionStrings.urlHost("::1")).isEqualTo("[::1]");
    assertThat(ConnectionStrings.urlHost("db.example")).isEqualTo("db.example");
  }

  @Test
  void buildsThePsqlUrlThroughTheProxyAndTheJdbcUrlThroughTheAdminService() {
    ConnectionStrings urls =
        new ConnectionStrings(
            URI.create("http://127.0.0.1:7070/"), "tdb_3f9a01c2", "a+b/c", Optional.of(PROXY));
    assertThat(urls.psql("myapp__acme"))
        .contains(
            "postgresql://tdb_3f9a01c2:a%2Bb%2Fc@127.0.0.1:6543/myapp__acme?sslmode=require"
                + "&sslrootcert=/home/you/.tdb/proxy-tls/ca.crt");
    assertThat(urls.jdbc("myapp__acme"))
        .isEqualTo("jdbc:tdb://127.0.0.1:7070/myapp__acme?user=tdb_3f9a01c2&password=a%2Bb%2Fc");
    assertThat(urls.hasPlaceholders()).isFalse();
  }

  @Test
  void tellsTheDriverWhenTheAdminServiceSpeaksHttpsAndLeavesOutAMissingCa() {
    ConnectionStrings urls =
        ConnectionStrings.placeholders(
            URI.create("https://admin.example:8443/"),
            Optional.of(new ProxyEndpoint("db.example", 5432, null)));
    assertThat(urls.jdbc("myapp__acme"))
        .isEqualTo(
            "jdbc:tdb://admin.example:8443/myapp__acme?user=<credential-user>&password=<secret>"
                + "&adminScheme=https");
    // Placeholders stay readable, not percent-encoded.
    assertThat(urls.psql("myapp__acme"))
        .contains(
            "postgresql://<credential-user>:<secret>@db.example:5432/myapp__acme?sslmode=require");
    assertThat(urls.hasPlaceholders()).isTrue();
    assertThat(urls.with("tdbc_00000000abcd", "s/t").hasPlaceholders()).isFalse();
  }
}
