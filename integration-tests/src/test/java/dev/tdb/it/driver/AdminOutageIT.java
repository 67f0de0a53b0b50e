/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Applications while the admin service is stopped and after it returns: tenants they have seen keep
 * connecting on the cached routing entry, and changes made after the restart reach them.
 */
@ExtendWith(PostgresExtension.class)
final class AdminOutageIT {
  /** A little more than the driver's routing refresh period (5 s). */
  private static final long PAST_REFRESH_MS = 6_000;

  @Test
  void keepsConnectingToKnownTenantsWhileTheAdminIsDownAndFollowsChangesAfterItReturns(
      TestPostgres postgres) throws Exception {
    try (TdbService tdb = TdbService.start(postgres)) {
      String blueprint = tdb.createBlueprint("outage");
      String acme = tdb.createTenant(blueprint, "acme");
      String unseen = tdb.createTenant(blueprint, "unseen");
      assertThat(selectOne(tdb.url(acme))).isEqualTo(1);

      tdb.stopAdmin();
      try {
        // Within the refresh period a warm connect asks the admin service nothing.
        assertThat(selectOne(tdb.url(acme))).isEqualTo(1);
        // Past the refresh period every connect tries to revalidate in the background and fails;
        // the stale entry is still served.
        Thread.sleep(PAST_REFRESH_MS);
        for (int i = 0; i < 3; i++) {
          assertThat(selectOne(tdb.url(acme))).isEqualTo(1);
          Thread.sleep(1_000);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(tdb.url(unseen)))
            .hasFieldOrPropertyWithValue("SQLState", "08001");
      } finally {
        tdb.startAdmin();
      }

      assertThat(selectOne(tdb.url(unseen))).isEqualTo(1);
      tdb.suspend(acme);
      assertThat(tdb.awaitConnectFailure(acme, "55000").getMessage())
          .contains("database \"" + acme + "\" is suspended");
    }
  }

  private static int selectOne(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
