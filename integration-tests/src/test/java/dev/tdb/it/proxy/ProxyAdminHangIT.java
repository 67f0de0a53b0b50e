/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy while the admin service hangs (accepts connections, answers nothing): a client whose
 * verifier and route the proxy holds connects without waiting for it, and a database it never
 * routed is refused with 08001 once the admin timeout has passed.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyAdminHangIT {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(4);

  @Test
  void knownClientsConnectAtOnceAndUnknownDatabasesFailAfterTheBound(TestPostgres postgres)
      throws Exception {
    AtomicReference<FreezableRelay> relay = new AtomicReference<>();
    // Every connect after the first wants to revalidate both the verifier and the route.
    Duration instant = Duration.ofMillis(1);
    ProxyConfig.AdminCache eager =
        new ProxyConfig.AdminCache(instant, instant, Duration.ofMinutes(5));
    try (ProxyService service =
        ProxyService.start(
            postgres,
            c ->
                throughRelay(c, relay).toBuilder()
                    .adminCache(eager)
                    .adminTimeout(ADMIN_TIMEOUT)
                    .build())) {
      try (FreezableRelay admin = relay.get()) {
        assertThat(currentDatabase(service, service.tenant())).isEqualTo(service.tenant());

        admin.freeze();

        long start = System.nanoTime();
        assertThat(currentDatabase(service, service.tenant())).isEqualTo(service.tenant());
        Duration known = Duration.ofNanos(System.nanoTime() - start);
        assertThat(known).isLessThan(ADMIN_TIMEOUT.dividedBy(2));
        awaitHeldBytes(admin);

        start = System.nanoTime();
        SQLException refused =
            catchThrowableOfType(
                SQLException.class, () -> currentDatabase(service, service.control()));
        Duration unknown = Duration.ofNanos(System.nanoTime() - start);
        assertThat(refused.getSQLState()).isEqualTo("08001");
        assertThat(refused.getMessage())
            .contains(
                "the tdb admin service cannot be reached to route database \""
                    + service.control()
                    + "\", and the proxy has not routed it recently");
        assertThat(unknown).isGreaterThanOrEqualTo(ADMIN_TIMEOUT.minusMillis(500));
      }
    }
  }

  /** The revalidations the warm connect started reached the frozen relay, and no further. */
  private static void awaitHeldBytes(FreezableRelay admin) {
    await("the revalidation held by the frozen relay")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> admin.heldBytes() > 0);
  }

  /** {@code config} with its admin URI behind a new relay, kept in {@code relay}. */
  private static ProxyConfig throughRelay(
      ProxyConfig config, AtomicReference<FreezableRelay> relay) {
    try {
      relay.set(FreezableRelay.to(config.adminUri()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProxyConfig(
        config.host(),
        config.port(),
        relay.get().in(config.adminUri()),
        config.adminApiKey(),
        config.adminTls(),
        config.tls(),
        config.maxMessageBytes(),
        config.queryLog(),
        config.adminCache(),
        config.serverCa(),
        config.authentication(),
        config.adminTimeout(),
        config.management(),
        config.pool());
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
