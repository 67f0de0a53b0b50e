/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@code jdbc:tdb:} driver costs over plain pgjdbc on the same tenant database, in the
 * same run: a point SELECT by primary key on one open connection, with the prepared statement
 * reused (an ORM's steady state) and prepared on every call (the driver classifies on prepare).
 * Both connections log in as the tenant's runtime role; only the path differs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class DriverOverheadBenchmark {
  private static final String SELECT = "select id, name, balance from account where id = ?";

  private DriverBenchTenant tenant;
  private Connection pgjdbc;
  private Connection tdb;
  private PreparedStatement pgjdbcSelect;
  private PreparedStatement tdbSelect;
  private int next;

  /** Starts PostgreSQL and the admin service, creates a tenant with a table, opens both paths. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    tenant = DriverBenchTenant.start();
    pgjdbc = tenant.pgjdbc();
    tdb = tenant.tdb();
    pgjdbcSelect = pgjdbc.prepareStatement(SELECT);
    tdbSelect = tdb.prepareStatement(SELECT);
  }

  /** Closes both connections and stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    tdb.close();
    pgjdbc.close();
    tenant.close();
  }

  private int nextId() {
    next = next % DriverBenchTenant.ROWS + 1;
    return next;
  }

  /** pgjdbc, statement prepared once. */
  @Benchmark
  public long pgjdbcPreparedOnce() throws SQLException {
    return select(pgjdbcSelect);
  }

  /** jdbc:tdb:, statement prepared once. */
  @Benchmark
  public long tdbPreparedOnce() throws SQLException {
    return select(tdbSelect);
  }

  /** pgjdbc, statement prepared on every call. */
  @Benchmark
  public long pgjdbcPreparedEachCall() throws SQLException {
    try (PreparedStatement statement = pgjdbc.prepareStatement(SELECT)) {
      return select(statement);
    }
  }

  /** jdbc:tdb:, statement prepared on every call. */
  @Benchmark
  public long tdbPreparedEachCall() throws SQLException {
    try (PreparedStatement statement = tdb.prepareStatement(SELECT)) {
      return select(statement);
    }
  }

  private long select(PreparedStatement statement) throws SQLException {
    statement.setInt(1, nextId());
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1) + rs.getString(2).length();
    }
  }
}
