/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.PoolMode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgbench through the proxy in its three query modes: the built-in TPC-B-like benchmark on a
 * control database (where {@code pgbench -i} may create its tables) and a DML script on a tenant,
 * each in both pool modes (in transaction mode its clients share {@link
 * PoolModes#SHARED_SERVER_CONNECTIONS} server connections), and the refusals a tenant gives to
 * pgbench's DDL.
 */
@ExtendWith(PostgresExtension.class)
final class PgbenchIT {
  private static final Path SCRIPTS = Path.of("src/test/pgbench");
  private static final int CLIENTS = 2;
  private static final int TRANSACTIONS_PER_CLIENT = 25;

  private static PoolModes services;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    Assumptions.assumeTrue(
        ClientProcess.succeeds(SCRIPTS, List.of("pgbench", "--version")),
        "pgbench is not installed: apt-get install postgresql (Debian ships pgbench with the"
            + " server package postgresql-NN)");
    services = PoolModes.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (services != null) {
      services.close();
    }
  }

  /** Each query mode in each pool mode. */
  static Stream<Arguments> modes() {
    return Stream.of(PoolMode.values())
        .flatMap(
            pool ->
                Stream.of("simple", "extended", "prepared").map(mode -> Arguments.of(pool, mode)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void runsTheBuiltInBenchmarkOnAControlDatabase(PoolMode pool, String mode) throws Exception {
    ProxyService service = services.get(pool);
    ClientProcess init = pgbench(service, service.control(), "-i", "-s", "1", "-q");
    assertThat(init.exitCode()).as("pgbench -i:%n%s", init.stderr()).isZero();

    ClientProcess run = pgbench(service, service.control(), benchmark(mode));

    assertCompleted(run);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void runsADmlScriptOnATenant(PoolMode pool, String mode) throws Exception {
    ProxyService service = services.get(pool);
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM item WHERE client = 'pgbench'");
    }
    List<String> arguments = new ArrayList<>(benchmark(mode));
    arguments.addAll(List.of("-f", "tenant-dml.sql"));

    ClientProcess run = pgbench(service, service.tenant(), arguments);

    assertCompleted(run);
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FILTER (WHERE name = 'kept'), count(*) FILTER (WHERE name <> 'kept')"
                    + " FROM item WHERE client = 'pgbench'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).as("rows kept").isEqualTo(CLIENTS * TRANSACTIONS_PER_CLIENT);
      assertThat(rs.getInt(2)).as("rows left behind").isZero();
    }
  }

  @Test
  void refusesInitializationOnATenant() throws Exception {
    ProxyService service = services.get(PoolMode.SESSION);
    ClientProcess init = pgbench(service, service.tenant(), "-i", "-s", "1");

    assertThat(init.exitCode()).isNotZero();
    assertThat(init.stderr()).contains("ERROR:  " + Policy.TENANT_DDL_MESSAGE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"simple", "extended", "prepared"})
  void abortsADdlScriptOnATenant(String mode) throws Exception {
    ProxyService service = services.get(PoolMode.SESSION);
    ClientProcess run =
        pgbench(service, service.tenant(), "-n", "-M", mode, "-t", "1", "-f", "tenant-ddl.sql");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr())
        .contains("aborted in command 0")
        .contains("ERROR:  " + Policy.TENANT_DDL_MESSAGE);
  }

  private static List<String> benchmark(String mode) {
    return List.of(
        "-n",
        "-M",
        mode,
        "-c",
        Integer.toString(CLIENTS),
        // A thread per client: pgbench -M prepared prepares with a blocking PQprepare, which in
        // one thread would wait for the server connection another of its clients holds in a
        // transaction (transaction mode, one server connection) while that client cannot go on.
        "-j",
        Integer.toString(CLIENTS),
        "-t",
        Integer.toString(TRANSACTIONS_PER_CLIENT));
  }

  private static ClientProcess pgbench(
      ProxyService service, String logicalName, List<String> arguments) throws Exception {
    return pgbench(service, logicalName, arguments.toArray(String[]::new));
  }

  private static ClientProcess pgbench(
      ProxyService service, String logicalName, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("pgbench"));
    command.addAll(List.of(arguments));
    command.add(logicalName);
    return ClientProcess.run(
        SCRIPTS,
        Map.of(
            "PGHOST", "127.0.0.1",
            "PGPORT", Integer.toString(service.port()),
            "PGUSER", service.user(),
            "PGPASSWORD", service.secret(),
            "PGSSLMODE", "require"),
        command);
  }

  private static void assertCompleted(ClientProcess run) {
    int transactions = CLIENTS * TRANSACTIONS_PER_CLIENT;
    assertThat(run.exitCode()).as("pgbench:%n%s", run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("number of transactions actually processed: " + transactions + "/" + transactions)
        .contains("number of failed transactions: 0 (0.000%)");
  }
}
