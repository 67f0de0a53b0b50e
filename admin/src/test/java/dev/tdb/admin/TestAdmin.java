/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * The one way tests run the admin service: on a new metadata database of a test server, on a free
 * port, with an account created in-process and a random prefix for the names the test makes
 * (databases and roles live on shared servers); stopped and started again on the same port and
 * database as a restart would. The admin module's {@code AdminFixture}, the driver tests' {@code
 * TdbService} and the proxy tests' {@code ProxyService} are built on it.
 */
public final class TestAdmin implements AutoCloseable {
  private final TestPostgres postgres;
  private final String metadataDatabase;
  private final AdminConfig config;
  private final AccountCredentials account;
  private final String prefix;
  private final int port;
  private AdminServer server;
  private boolean running;

  private TestAdmin(TestPostgres postgres, String metadataDatabase, AdminConfig config, char kind) {
    this.postgres = postgres;
    this.metadataDatabase = metadataDatabase;
    this.config = config;
    this.server = AdminServer.start(config);
    this.running = true;
    // The port the service got, so that a restart listens where clients already point.
    this.port = server.port();
    this.account = server.inProcess().createAccount();
    this.prefix = kind + RandomTokens.hex(3);
  }

  /**
   * Starts the admin service on a new metadata database of {@code postgres}.
   *
   * @param kind the first letter of the prefix, which tells whose names a leftover carries
   * @param adjust changes to the configuration (a pool of 2, a new secret key, a free port)
   */
  public static TestAdmin start(TestPostgres postgres, char kind, UnaryOperator<AdminConfig> adjust)
      throws SQLException {
    String database = postgres.createDatabase("tdb_admin");
    AdminConfig config =
        AdminConfig.builder(
                postgres.jdbcUrl(database),
                postgres.superuser(),
                postgres.password(),
                SecretKey.generate())
            .listen("127.0.0.1", 0)
            .poolSize(2)
            .build();
    return new TestAdmin(postgres, database, adjust.apply(config), kind);
  }

  /** Registers the test server as cluster {@code name}, in-process, for up to 1,000 databases. */
  public void registerCluster(String name, String sslMode) {
    server
        .inProcess()
        .registerCluster(
            name,
            postgres.host(),
            postgres.port(),
            postgres.superuser(),
            postgres.password(),
            sslMode,
            1000);
  }

  /** The running service. */
  public AdminServer server() {
    return server;
  }

  /** Its configuration, on a free port: the base of replicas with other settings. */
  public AdminConfig config() {
    return config;
  }

  /** The account created at the start. */
  public AccountCredentials account() {
    return account;
  }

  /** The prefix of every name the test makes. */
  public String prefix() {
    return prefix;
  }

  /** The metadata database. */
  public String metadataDatabase() {
    return metadataDatabase;
  }

  /** Another server on the same metadata database and key, as a replica; the caller closes it. */
  public AdminServer startAnother(UnaryOperator<AdminConfig> adjust) {
    return AdminServer.start(adjust.apply(config));
  }

  /** Stops the service; databases, and what clients cached, stay. */
  public void stop() {
    server.close();
    running = false;
  }

  /** Starts the stopped service again on the same port, metadata database and key. */
  public void restart() {
    server = AdminServer.start(config.toBuilder().listen(config.bindHost(), port).build());
    running = true;
  }

  /** Stops the service and drops every database and role the test made, and the metadata. */
  @Override
  public void close() throws SQLException {
    if (running) {
      server.close();
    }
    postgres.dropAllNamed(prefix);
    postgres.dropDatabase(metadataDatabase);
  }
}
