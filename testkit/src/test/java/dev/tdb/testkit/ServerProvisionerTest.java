/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class ServerProvisionerTest {

  @Test
  void readsLibpqStyleUrlsWithEncodedPasswords() {
    Map<String, String> parts =
        ServerProvisioner.parseUrl("postgresql://admin:p%40ss%3Aw@db.example:6543/main", "V");
    assertThat(parts)
        .containsEntry("host", "db.example")
        .containsEntry("port", "6543")
        .containsEntry("user", "admin")
        .containsEntry("password", "p@ss:w")
        .containsEntry("database", "main");
  }

  @Test
  void readsJdbcUrlsWithCredentialsInTheQuery() {
    Map<String, String> parts =
        ServerProvisioner.parseUrl(
            "jdbc:postgresql://localhost/postgres?user=su&password=x%26y&ssl=false", "V");
    assertThat(parts)
        .containsEntry("host", "localhost")
        .containsEntry("port", "5432")
        .containsEntry("user", "su")
        .containsEntry("password", "x&y")
        .containsEntry("database", "postgres");
  }

  @Test
  void refusesUrlsOfOtherDatabasesNamingTheVariable() {
    assertThatThrownBy(() -> ServerProvisioner.parseUrl("mysql://u@h/db", "TDB_TEST_POSTGRES_URL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TDB_TEST_POSTGRES_URL");
  }

  @Test
  void refusesUrlsWithoutUser() {
    assertThatThrownBy(() -> ServerProvisioner.parseUrl("postgresql://h:5432/db", "V"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user");
  }
}
