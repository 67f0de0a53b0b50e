/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import dev.tdb.core.settings.PoolMode;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link ProxyService} per {@code pool_mode}, for running a client matrix in both: the
 * transaction-mode one with {@code max_connections} so small that a client's connections share
 * server connections, on its tenant, workspace and control database alike.
 */
final class PoolModes implements AutoCloseable {
  /** Server connections per logical database in transaction mode. */
  static final int SHARED_SERVER_CONNECTIONS = 1;

  private final Map<PoolMode, ProxyService> services = new EnumMap<>(PoolMode.class);

  private PoolModes() {}

  /** Starts a service for each mode on {@code postgres}. */
  static PoolModes start(TestPostgres postgres) throws SQLException, IOException {
    PoolModes modes = new PoolModes();
    for (PoolMode mode : PoolMode.values()) {
      ProxyService service = ProxyService.start(postgres);
      modes.services.put(mode, service);
      if (mode == PoolMode.TRANSACTION) {
        // Before the first session, so that the proxy routes the databases with these settings.
        Map<String, Object> shared =
            Map.of("pool_mode", mode.key(), "max_connections", SHARED_SERVER_CONNECTIONS);
        service.updateSettings(shared);
        service.updateControlSettings(shared);
      }
    }
    return modes;
  }

  /** The service whose databases pool in {@code mode}. */
  ProxyService get(PoolMode mode) {
    return services.get(mode);
  }

  @Override
  public void close() throws SQLException {
    for (ProxyService service : services.values()) {
      service.close();
    }
  }
}
