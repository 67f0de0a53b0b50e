/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The proxy's own cancel behind {@code query_timeout_ms}: with the runtime roles' {@code
 * statement_timeout} lifted on the server (as a bypass would), a statement that runs past the limit
 * plus the grace is cancelled by the proxy with 57014, the connection stays usable, and time the
 * client spends between statements does not count.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyTimeoutIT {
  private static final long TIMEOUT_MS = 2000;

  /** What the proxy waits beyond the limit: its minimum grace of one second. */
  private static final long GRACE_MS = 1000;

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
    // Before the proxy first routes them, so that its first sessions get the limit.
    service.updateSettings(Map.of("query_timeout_ms", TIMEOUT_MS));
    service.updateControlSettings(Map.of("query_timeout_ms", TIMEOUT_MS));
    liftServerTimeout(service.tenant());
    liftServerTimeout(service.control());
  }

  /**
   * Takes the runtime role's {@code statement_timeout} away, on the role and in its database (where
   * the admin service sets it too, and where it wins); later sessions start without it.
   */
  private static void liftServerTimeout(String logicalName) throws Exception {
    String role = single(logicalName, "SELECT current_user");
    String database = single(logicalName, "SELECT current_database()");
    try (Connection c = service.superuser(logicalName);
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE \"" + role + "\" SET statement_timeout = 0");
      s.execute(
          "ALTER ROLE \"" + role + "\" IN DATABASE \"" + database + "\" SET statement_timeout = 0");
    }
    PgActivity.endPooled(service, logicalName);
    assertThat(single(logicalName, "SHOW statement_timeout")).isEqualTo("0");
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @Test
  void cancelsATenantStatementPastTheLimitAndTheConnectionStaysUsable() throws SQLException {
    assertCancelledNearTheLimit(service.tenant(), "tenant's workspace");
  }

  @Test
  void cancelsAControlStatementPastTheLimit() throws SQLException {
    assertCancelledNearTheLimit(service.control(), "control workspace");
  }

  private static void assertCancelledNearTheLimit(String logicalName, String what)
      throws SQLException {
    try (Connection c = service.connect(logicalName, service.secret(), "");
        Statement s = c.createStatement()) {
      long started = System.nanoTime();
      PSQLException cancelled =
          catchThrowableOfType(PSQLException.class, () -> s.execute("SELECT pg_sleep(30)"));
      long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

      assertThat((Object) cancelled).as("pg_sleep(30) on the %s", what).isNotNull();
      assertThat(cancelled.getSQLState()).isEqualTo("57014");
      assertThat(cancelled.getServerErrorMessage().getMessage())
          .isEqualTo("canceling statement due to statement timeout");
      assertThat(cancelled.getServerErrorMessage().getHint())
          .contains("query_timeout_ms (" + TIMEOUT_MS + " ms)", "settings of");
      assertThat(elapsedMs).isBetween(TIMEOUT_MS + GRACE_MS, TIMEOUT_MS + GRACE_MS + 2000);
      try (ResultSet rs = s.executeQuery("SELECT 42")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void idleInTransactionTimeIsNotCounted() throws Exception {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SELECT 1");
      // Idle in the transaction, then statements that, counted with that time or with each
      // other, would run past the limit plus the grace (3 s); each alone stays below it.
      Thread.sleep(2500);
      s.execute("SELECT pg_sleep(1.5)");
      Thread.sleep(1000);
      s.execute("SELECT pg_sleep(1.5)");
      c.commit();
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void eachStatementOfAPipelineMayUseTheLimit() throws SQLException {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM note WHERE id BETWEEN 9001 AND 9003");
      // pgjdbc sends the batch as one pipeline, one Sync at the end: 3.6 s busy, 1.2 s each.
      for (int id = 9001; id <= 9003; id++) {
        s.addBatch("INSERT INTO note (id, body) SELECT " + id + ", 'slow' FROM pg_sleep(1.2)");
      }
      assertThat(s.executeBatch()).containsExactly(1, 1, 1);
      assertThat(single(service.tenant(), "SELECT count(*) FROM note WHERE body = 'slow'"))
          .isEqualTo("3");
    }
  }

  @Test
  void aRunawayStatementInAPipelineIsCancelled() throws SQLException {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO note (id, body) SELECT 9100, 'runaway' FROM pg_sleep(30)");
      s.addBatch("INSERT INTO note (id, body) VALUES (9101, 'after')");
      long started = System.nanoTime();
      SQLException failed = catchThrowableOfType(SQLException.class, s::executeBatch);
      long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

      assertThat((Object) failed).isNotNull();
      assertThat(failed.getSQLState()).isEqualTo("57014");
      // Two statements owed: the proxy allows the limit plus the grace for each.
      assertThat(elapsedMs).isBetween(TIMEOUT_MS + GRACE_MS, 2 * (TIMEOUT_MS + GRACE_MS) + 2000);
      assertThat(single(service.tenant(), "SELECT count(*) FROM note WHERE id IN (9100, 9101)"))
          .isEqualTo("0");
    }
  }

  private static String single(String logicalName, String sql) throws SQLException {
    try (Connection c = service.connect(logicalName, service.secret(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
