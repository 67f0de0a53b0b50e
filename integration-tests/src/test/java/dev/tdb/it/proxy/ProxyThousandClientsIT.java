/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code pool_mode = transaction} at scale: 1,000 client connections open at once on one tenant,
 * each running prepared statements, served by at most 20 server connections, with no error.
 * Throughput against session mode is measured in the benchmark, not here.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyThousandClientsIT {
  private static final int CLIENTS = 1_000;
  private static final int MAX_CONNECTIONS = 20;
  private static final int EXECUTIONS = 3;
  private static final int THREADS = 32;

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
    service.updateSettings(Map.of("max_connections", MAX_CONNECTIONS, "pool_mode", "transaction"));
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void aThousandClientsShareTwentyServerConnectionsWithoutAnError() throws Exception {
    List<Connection> clients = new ArrayList<>(CLIENTS);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Connection>> opening = new ArrayList<>(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        opening.add(
            threads.submit(
                () -> service.connect(service.tenant(), service.secret(), "?prepareThreshold=1")));
      }
      for (Future<Connection> connection : opening) {
        clients.add(connection.get());
      }
      AtomicInteger peak = new AtomicInteger();
      List<Future<Integer>> running = new ArrayList<>(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        Connection client = clients.get(i);
        int id = i;
        running.add(
            threads.submit(
                () -> {
                  int sum = 0;
                  try (PreparedStatement select = client.prepareStatement("SELECT ?::int * 2")) {
                    for (int n = 0; n < EXECUTIONS; n++) {
                      select.setInt(1, id + n);
                      try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        sum += rs.getInt(1);
                      }
                    }
                  }
                  if (id % 100 == 0) {
                    peak.accumulateAndGet(PgActivity.sessions(service), Math::max);
                  }
                  return sum;
                }));
      }
      for (int i = 0; i < CLIENTS; i++) {
        int expected = 0;
        for (int n = 0; n < EXECUTIONS; n++) {
          expected += 2 * (i + n);
        }
        assertThat(running.get(i).get()).as("client %d", i).isEqualTo(expected);
      }
      assertThat(peak.get()).isPositive().isLessThanOrEqualTo(MAX_CONNECTIONS);
      assertThat(PgActivity.sessions(service)).isLessThanOrEqualTo(MAX_CONNECTIONS);
      assertThat(clients).allSatisfy(c -> assertThat(c.isClosed()).isFalse());
    } finally {
      threads.shutdownNow();
      for (Connection client : clients) {
        client.close();
      }
    }
  }
}
