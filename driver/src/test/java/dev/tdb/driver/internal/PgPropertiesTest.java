/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGProperty;

final class PgPropertiesTest {

  private static Properties properties(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  private static RoutingEntry entry(String sslMode) {
    return new RoutingEntry(
        "myapp__acme",
        RoutingEntry.Mode.TENANT,
        "myapp_workspace",
        RoutingEntry.Status.ACTIVE,
        "db.internal",
        5432,
        sslMode,
        "myapp__acme",
        "myapp__acme__rt",
        "runtime-pw",
        WorkspaceSettings.defaults(),
        1);
  }

  @Test
  void keepsAllowedPgjdbcPropertiesAndDropsTdbsAndUnknownOnes() throws SQLException {
    Properties user =
        PgProperties.userProperties(
            properties(
                "user", "tdb_1",
                "password", "secret",
                "ApplicationName", "billing",
                "prepareThreshold", "3",
                "somethingElse", "x"));
    assertThat(user).containsOnlyKeys("ApplicationName", "prepareThreshold");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "options",
        "PGHOST",
        "PGPORT",
        "PGDBNAME",
        "service",
        "socketFactory",
        "authenticationPluginClassName",
        "replication",
        "targetServerType"
      })
  void refusesPropertiesThatChangeWhereOrAsWhomPgjdbcConnects(String name) {
    assertThatThrownBy(() -> PgProperties.userProperties(properties(name, "x")))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "08001")
        .hasMessageContaining(name);
  }

  @Test
  void refusesEncodingChangesSoSessionsStayInUtf8() {
    assertThatThrownBy(
            () -> PgProperties.userProperties(properties("allowEncodingChanges", "true")))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "08001")
        .hasMessageContaining("allowEncodingChanges")
        .hasMessageContaining("UTF8");
  }

  @Test
  void takesRoleAndPasswordFromTheEntryOnly() throws SQLException {
    Properties physical =
        PgProperties.physical(properties("ApplicationName", "billing"), entry("require"));
    assertThat(PGProperty.USER.getOrDefault(physical)).isEqualTo("myapp__acme__rt");
    assertThat(PGProperty.PASSWORD.getOrDefault(physical)).isEqualTo("runtime-pw");
    assertThat(PGProperty.APPLICATION_NAME.getOrDefault(physical)).isEqualTo("billing");
  }

  @ParameterizedTest
  @CsvSource({
    "require, , require",
    "require, disable, require",
    "require, verify-full, verify-full",
    "disable, prefer, prefer",
    "verify-ca, require, verify-ca"
  })
  void usesTheStricterSslMode(String entryMode, String requested, String expected)
      throws SQLException {
    Properties user = requested == null ? new Properties() : properties("sslmode", requested);
    assertThat(PGProperty.SSL_MODE.getOrDefault(PgProperties.physical(user, entry(entryMode))))
        .isEqualTo(expected);
  }

  @Test
  void readsSslTrueAsVerifyFull() throws SQLException {
    Properties physical = PgProperties.physical(properties("ssl", "true"), entry("disable"));
    assertThat(PGProperty.SSL_MODE.getOrDefault(physical)).isEqualTo("verify-full");
  }

  @Test
  void refusesAnUnknownSslMode() {
    assertThatThrownBy(
            () -> PgProperties.physical(properties("sslmode", "maybe"), entry("disable")))
        .hasFieldOrPropertyWithValue("SQLState", "08001");
  }
}
