/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy while the admin service is down: databases it routed recently keep working, with the
 * account's verifier it last got; a database it never routed is refused with 08001.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyAdminOutageIT {

  @Test
  void aRoutedDatabaseKeepsWorkingAndAnUnknownOneGets08001(TestPostgres postgres) throws Exception {
    try (ProxyService service = ProxyService.start(postgres)) {
      assertThat(currentDatabase(service, service.tenant())).isEqualTo(service.tenant());

      service.stopAdmin();

      assertThat(currentDatabase(service, service.tenant())).isEqualTo(service.tenant());
      SQLException refused =
          catchThrowableOfType(
              SQLException.class, () -> currentDatabase(service, service.control()));
      assertThat(refused.getSQLState()).isEqualTo("08001");
      assertThat(refused.getMessage())
          .contains(
              "the tdb admin service cannot be reached to route database \""
                  + service.control()
                  + "\", and the proxy has not routed it recently");
    }
  }

  @Test
  void revalidationsThatFailKeepTheLastVerifierAndRoute(TestPostgres postgres) throws Exception {
    // Every connect after the first wants to revalidate both; none can, and both are still served.
    Duration instant = Duration.ofMillis(1);
    ProxyConfig.AdminCache eager =
        new ProxyConfig.AdminCache(instant, instant, Duration.ofMinutes(1));
    try (ProxyService service =
        ProxyService.start(postgres, c -> c.toBuilder().adminCache(eager).build())) {
      currentDatabase(service, service.tenant());

      service.stopAdmin();

      for (int i = 0; i < 3; i++) {
        assertThat(currentDatabase(service, service.tenant())).isEqualTo(service.tenant());
      }
      SQLException wrongPassword =
          catchThrowableOfType(
              SQLException.class, () -> service.connect(service.tenant(), "wrong", "").close());
      assertThat(wrongPassword.getSQLState()).isEqualTo("28P01");
    }
  }

  @Test
  void aShortMaxStalenessEndsTheGrace(TestPostgres postgres) throws Exception {
    Duration moment = Duration.ofMillis(200);
    ProxyConfig.AdminCache brief = new ProxyConfig.AdminCache(moment, moment, moment);
    try (ProxyService service =
        ProxyService.start(postgres, c -> c.toBuilder().adminCache(brief).build())) {
      currentDatabase(service, service.tenant());
      service.stopAdmin();
      Thread.sleep(moment.multipliedBy(2).toMillis());

      SQLException refused =
          catchThrowableOfType(
              SQLException.class, () -> currentDatabase(service, service.tenant()));

      assertThat(refused.getSQLState()).isEqualTo("08001");
    }
  }

  private static String currentDatabase(ProxyService service, String logicalName)
      throws SQLException {
    try (Connection connection = service.connect(logicalName, service.secret(), "");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
