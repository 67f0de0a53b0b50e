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
  /** The routing refresh period the test's URLs set, much shorter than the 5 s default. */
  private static final long REFRESH_MS = 300;

  @Test
  void keepsConnectingToKnownTenantsWhileTheAdminIsDownAndFollowsChangesAfterItReturns(
      TestPostgres postgres) throws Exception {
    try (TdbService tdb = TdbService.start(postgres)) {
      String blueprint = tdb.createBlueprint("outage");
      String acme = tdb.createTenant(blueprint, "acme");
      String unseen = tdb.createTenant(blueprint, "unseen");
      String acmeUrl = tdb.url(acme) + "&routingRefreshMs=" + REFRESH_MS;
      String unseenUrl = tdb.url(unseen) + "&routingRefreshMs=" + REFRESH_MS;
      assertThat(selectOne(acmeUrl)).isEqualTo(1);

      tdb.stopAdmin();
      try {
        // Within the refresh period a warm connect asks the admin service nothing.
        assertThat(selectOne(acmeUrl)).isEqualTo(1);
        // Past the refresh period every connect tries to revalidate in the background and fails;
        // the stale entry is still served. (Waiting out time itself, not a condition.)
        for (int i = 0; i < 3; i++) {
          Thread.sleep(2 * REFRESH_MS);
          assertThat(selectOne(acmeUrl)).isEqualTo(1);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(unseenUrl))
            .hasFieldOrPropertyWithValue("SQLState", "08001");
      } finally {
        tdb.startAdmin();
      }

      assertThat(selectOne(unseenUrl)).isEqualTo(1);
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
