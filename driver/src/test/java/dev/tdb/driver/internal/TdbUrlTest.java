/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TdbUrlTest {

  @Test
  void parsesHostPortDatabaseAndDecodedParameters() throws SQLException {
    TdbUrl url =
        TdbUrl.parse("jdbc:tdb://admin.example:8080/myapp__acme?user=tdb_1&password=a%26b&ssl");
    assertThat(url.adminHost()).isEqualTo("admin.example");
    assertThat(url.adminPort()).isEqualTo(8080);
    assertThat(url.logicalName()).isEqualTo("myapp__acme");
    assertThat(url.parameters())
        .containsExactly(entry("user", "tdb_1"), entry("password", "a&b"), entry("ssl", ""));
  }

  @Test
  void leavesThePortToTheSchemeWhenNoneIsGiven() throws SQLException {
    assertThat(TdbUrl.parse("jdbc:tdb://admin/db").adminPort()).isEqualTo(-1);
  }

  @Test
  void keepsIpv6BracketsAndReadsThePortAfterThem() throws SQLException {
    TdbUrl url = TdbUrl.parse("jdbc:tdb://[::1]:9000/db");
    assertThat(url.adminHost()).isEqualTo("[::1]");
    assertThat(url.adminPort()).isEqualTo(9000);
    assertThat(TdbUrl.parse("jdbc:tdb://[::1]/db").adminPort()).isEqualTo(-1);
  }

  @Test
  void displaysTheUrlWithoutSecrets() throws SQLException {
    TdbUrl url =
        TdbUrl.parse(
            "jdbc:tdb://admin:80/db?user=tdb_1&password=s3cret&apiKey=k&ApplicationName=a b");
    assertThat(url.display()).isEqualTo("jdbc:tdb://admin:80/db?user=tdb_1&ApplicationName=a+b");
    assertThat(url.toString()).doesNotContain("s3cret");
  }

  @Test
  void acceptsOnlyTdbUrls() {
    assertThat(TdbUrl.accepts("jdbc:tdb://admin/db")).isTrue();
    assertThat(TdbUrl.accepts("jdbc:tdb:nonsense")).isTrue();
    assertThat(TdbUrl.accepts("jdbc:postgresql://host/db")).isFalse();
    assertThat(TdbUrl.accepts(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:tdb:admin/db",
        "jdbc:tdb://admin",
        "jdbc:tdb://admin/",
        "jdbc:tdb:///db",
        "jdbc:tdb://admin:0/db",
        "jdbc:tdb://admin:70000/db",
        "jdbc:tdb://admin:http/db",
        "jdbc:tdb://user:pw@admin/db",
        "jdbc:tdb://admin/a/b",
        "jdbc:tdb://admin/db?%zz=1",
        "jdbc:tdb://admin/db?=1"
      })
  void refusesMalformedUrlsWith08001(String url) {
    assertThatThrownBy(() -> TdbUrl.parse(url))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "08001");
  }
}
