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
