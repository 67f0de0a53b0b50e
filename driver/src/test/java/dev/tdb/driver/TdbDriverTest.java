/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

final class TdbDriverTest {
  private final TdbDriver driver = new TdbDriver();

  @Test
  void isRegisteredThroughTheServiceLoader() throws SQLException {
    Driver registered = DriverManager.getDriver("jdbc:tdb://admin/db");
    assertThat(registered).isInstanceOf(TdbDriver.class);
  }

  @Test
  void returnsNullForOtherDriversUrls() throws SQLException {
    assertThat(driver.acceptsURL("jdbc:postgresql://localhost/db")).isFalse();
    assertThat(driver.connect("jdbc:postgresql://localhost/db", new Properties())).isNull();
  }

  @Test
  void throws08001ForAMalformedTdbUrl() {
    assertThatThrownBy(() -> driver.connect("jdbc:tdb://admin", new Properties()))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "08001");
  }

  @Test
  void refusesAMalformedQueryLogSettingBeforeContactingTheAdminService() {
    // Port 1 answers nothing: the refusal must come from the property check, not a connect.
    assertThatThrownBy(
            () ->
                driver.connect(
                    "jdbc:tdb://127.0.0.1:1/db?user=tdb_00000000&password=s&queryLog=yes",
                    new Properties()))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "08001")
        .hasMessageContaining("queryLog must be true or false");
    assertThatThrownBy(
            () ->
                driver.connect(
                    "jdbc:tdb://127.0.0.1:1/db?user=tdb_00000000&password=s&queryLogSqlLength=-5",
                    new Properties()))
        .hasMessageContaining("queryLogSqlLength must be a number of characters from 0");
  }

  @Test
  void refusesRoutingTimesOutOfRangeBeforeContactingTheAdminService() {
    String url = "jdbc:tdb://127.0.0.1:1/db?user=tdb_00000000&password=s&";
    assertThatThrownBy(() -> driver.connect(url + "routingRefreshMs=50", new Properties()))
        .hasFieldOrPropertyWithValue("SQLState", "08001")
        .hasMessageContaining("routingRefreshMs must be from 100 to 3600000");
    assertThatThrownBy(() -> driver.connect(url + "routingRefreshMs=soon", new Properties()))
        .hasMessageContaining("routingRefreshMs must be a number of milliseconds");
    assertThatThrownBy(
            () ->
                driver.connect(
                    url + "routingRefreshMs=10000&routingMaxStalenessMs=5000", new Properties()))
        .hasMessageContaining("routingMaxStalenessMs must be at least routingRefreshMs");
  }

  @Test
  void describesTheQueryLogProperties() throws SQLException {
    DriverPropertyInfo[] info = driver.getPropertyInfo("jdbc:tdb://admin/db", null);
    DriverPropertyInfo queryLog =
        Arrays.stream(info).filter(p -> p.name.equals("queryLog")).findFirst().orElseThrow();
    assertThat(queryLog.value).isEqualTo("false");
    assertThat(queryLog.choices).containsExactly("true", "false");
    assertThat(Arrays.stream(info).filter(p -> p.name.equals("queryLogSqlLength")))
        .extracting(p -> p.value)
        .containsExactly("2000");
  }

  @Test
  void listsTdbAndAllowedPgjdbcPropertiesWithoutSecrets() throws SQLException {
    DriverPropertyInfo[] info =
        driver.getPropertyInfo("jdbc:tdb://admin/db?user=tdb_1&password=s3cret", null);
    assertThat(Arrays.stream(info).map(p -> p.name))
        .contains("user", "password", "apiKey", "adminScheme", "maxConnectionsWaitMs")
        .contains("ApplicationName", "sslmode", "prepareThreshold")
        .doesNotContain("options", "PGHOST", "socketFactory");
    assertThat(Arrays.stream(info).map(p -> p.value)).contains("tdb_1").doesNotContain("s3cret");
  }
}
