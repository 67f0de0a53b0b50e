/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client as an application runs one: it inserts rows numbered 1, 2, 3… into {@code writes}
 * (autocommit), one statement at a time, and when its connection breaks it connects again to the
 * same URL (a pgjdbc multi-host URL finds the proxy still alive) and goes on with the next number.
 * It remembers which rows the server acknowledged, so a test can check that none of them was lost,
 * and which ones failed, whose commit is in doubt.
 */
final class NumberedWriter implements Runnable {
  private static final Duration RECONNECT_BOUND = Duration.ofSeconds(30);

  private final int client;
  private final String url;
  private final Properties credentials;
  private final Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
  private final Set<Integer> inDoubt = new ConcurrentSkipListSet<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  NumberedWriter(int client, String url, String user, String password) {
    this.client = client;
    this.url = url;
    this.credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
  }

  @Override
  public void run() {
    int next = 1;
    try {
      Connection connection = connect();
      while (!stopped) {
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO writes (client, n) VALUES (?, ?)")) {
          insert.setInt(1, client);
          insert.setInt(2, next);
          insert.executeUpdate();
          acknowledged.add(next);
        } catch (SQLException e) {
          // The connection broke with the statement sent: its commit may or may not have happened.
          inDoubt.add(next);
          connection.close();
          connection = connect();
          reconnects.incrementAndGet();
        }
        next++;
      }
      connection.close();
    } catch (SQLException | RuntimeException e) {
      failure.set(e);
    }
  }

  /** Connects, trying again (every 50 ms, for a bounded time) while no proxy in the URL answers. */
  private Connection connect() throws SQLException {
    Instant deadline = Instant.now().plus(RECONNECT_BOUND);
    while (true) {
      try {
        return DriverManager.getConnection(url, credentials);
      } catch (SQLException e) {
        if (stopped || Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while reconnecting", "08001", e);
      }
    }
  }

  void stop() {
    stopped = true;
  }

  int client() {
    return client;
  }

  /** Rows whose INSERT returned: they must be in the table. */
  List<Integer> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** Rows whose INSERT failed with the connection: they may or may not be in the table. */
  Set<Integer> inDoubt() {
    return Set.copyOf(inDoubt);
  }

  /** How often the connection broke and a new one was made. */
  int reconnects() {
    return reconnects.get();
  }

  /** What stopped the client for good, if anything did. */
  Throwable failure() {
    return failure.get();
  }
}
