/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.AdminConfig;
import dev.tdb.admin.AdminServer;
import dev.tdb.admin.TestAdmin;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.cli.TdbCli;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.ProxyServer;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A tdb installation for proxy tests: the real admin service on the test PostgreSQL, the proxy in
 * front of it with a certificate signed by its local CA, one account, a control database, and
 * tenant {@code <blueprint>__acme} with the tables {@code note} and {@code item}. Names carry a
 * prefix unique to one instance, because databases and roles live on a shared server.
 */
final class ProxyService implements AutoCloseable {
  private static final String PSQL = "/usr/bin/psql";

  /** The tenant schema, as a deployment of the blueprint would have created it. */
  private static final List<String> TENANT_SCHEMA =
      List.of(
          "CREATE TABLE note (id int PRIMARY KEY, body text)",
          "CREATE TABLE item (id bigserial PRIMARY KEY, client text NOT NULL,"
              + " name text NOT NULL, qty int NOT NULL)");

  private final TestPostgres postgres;
  private final TestAdmin base;
  private final String prefix;
  private AdminServer admin;
  private final AccountCredentials account;
  private final String tenant;
  private final String control;
  private final ProxyServer proxy;
  private final Optional<Path> proxyCa;

  private ProxyService(
      TestPostgres postgres,
      UnaryOperator<ProxyConfig> configure,
      UnaryOperator<AdminConfig> configureAdmin,
      String serverSslMode)
      throws SQLException, IOException {
    this.postgres = postgres;
    this.base = TestAdmin.start(postgres, 'p', configureAdmin);
    this.prefix = base.prefix();
    this.admin = base.server();
    this.account = base.account();
    base.registerCluster("primary", serverSslMode);
    this.control = prefix + "ctl_workspace";
    admin.inProcess().createWorkspace(account.user(), control, ConnectionMode.CONTROL);
    admin
        .inProcess()
        .createWorkspace(account.user(), prefix + "_workspace", ConnectionMode.WORKSPACE);
    admin.inProcess().createTenant(account.user(), prefix, "acme");
    this.tenant = prefix + "__acme";
    try (Connection c = postgres.connect(tenant);
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + prefix + "__owner");
      for (String sql : TENANT_SCHEMA) {
        s.execute(sql);
      }
    }
    String apiKey = admin.inProcess().createApiKey(account.user(), "proxy", Scope.ROUTING).key();
    Path tls = Files.createTempDirectory("tdb-proxy-tls");
    ProxyConfig config =
        configure.apply(ProxyConfig.of("127.0.0.1", 0, admin.baseUri(), apiKey, tls));
    this.proxy = ProxyServer.start(config);
    this.proxyCa = config.tls().certificateAuthority();
  }

  /** Starts the admin service and the proxy on free ports, on a new metadata database. */
  static ProxyService start(TestPostgres postgres) throws SQLException, IOException {
    return new ProxyService(
        postgres, UnaryOperator.identity(), UnaryOperator.identity(), "disable");
  }

  /** Like {@link #start(TestPostgres)}, with the cluster registered with {@code sslMode}. */
  static ProxyService startWithServerSslMode(TestPostgres postgres, String sslMode)
      throws SQLException, IOException {
    return new ProxyService(postgres, UnaryOperator.identity(), UnaryOperator.identity(), sslMode);
  }

  /**
   * Like {@link #startWithServerSslMode}, with the admin service and the proxy both trusting the
   * PEM certificates in {@code caFile} for the cluster, as an operator configures them.
   */
  static ProxyService startWithServerCa(TestPostgres postgres, String sslMode, Path caFile)
      throws SQLException, IOException {
    return new ProxyService(
        postgres,
        config -> config.toBuilder().serverCa(caFile).build(),
        config -> config.toBuilder().clusterCa(caFile).build(),
        sslMode);
  }

  /** The admin service's base URI. */
  URI adminUri() {
    return admin.baseUri();
  }

  /**
   * Like {@link #start(TestPostgres)}, with the proxy's configuration changed by {@code configure}.
   */
  static ProxyService start(TestPostgres postgres, UnaryOperator<ProxyConfig> configure)
      throws SQLException, IOException {
    return new ProxyService(postgres, configure, UnaryOperator.identity(), "disable");
  }

  /** Stops the admin service; the proxy keeps running. */
  void stopAdmin() {
    base.stop();
  }

  /**
   * Starts the admin service stopped by {@link #stopAdmin} again, on the same port and metadata
   * database, so that the proxy reaches it where it did before.
   */
  void restartAdmin() {
    base.restart();
    admin = base.server();
  }

  /** The proxy itself, for tests of its lifecycle. */
  ProxyServer proxy() {
    return proxy;
  }

  /**
   * Changes settings of the tenant's workspace; sessions opened once the proxy has revalidated the
   * routing entry get them (at once when it never routed the tenant before).
   *
   * @param changes setting keys (such as {@code max_rows_per_query}) and values
   */
  void updateSettings(Map<String, ?> changes) {
    admin.inProcess().updateSettings(account.user(), prefix + "_workspace", changes);
  }

  /**
   * Changes settings of the control database's workspace; sessions opened afterwards get them.
   *
   * @param changes setting keys (such as {@code max_rows_per_query}) and values
   */
  void updateControlSettings(Map<String, ?> changes) {
    admin.inProcess().updateSettings(account.user(), control, changes);
  }

  /** The logical name of the tenant, {@code <blueprint>__acme}. */
  String tenant() {
    return tenant;
  }

  /** The logical name of the tenant's workspace, {@code <blueprint>_workspace}. */
  String workspace() {
    return prefix + "_workspace";
  }

  /** The logical name of the account's control database, where all DDL is allowed. */
  String control() {
    return control;
  }

  /** The port the proxy listens on at 127.0.0.1. */
  int port() {
    return proxy.port();
  }

  /** The account user. */
  String user() {
    return account.user();
  }

  /** The account secret, the password clients give the proxy. */
  String secret() {
    return account.secret();
  }

  /**
   * The libpq-style URL a non-JVM client uses for {@code logicalName}, with credentials and, as
   * {@code tdb up} prints it, the proxy's local CA as {@code sslrootcert}.
   */
  String url(String logicalName) {
    return url(logicalName, proxy.port());
  }

  /** Like {@link #url(String)}, for a relay in front of the proxy at 127.0.0.1 on {@code port}. */
  String url(String logicalName, int port) {
    return "postgresql://"
        + account.user()
        + ":"
        + account.secret()
        + "@127.0.0.1:"
        + port
        + "/"
        + logicalName
        + "?sslmode=require"
        + proxyCa.map(ca -> "&sslrootcert=" + ca).orElse("");
  }

  /**
   * A pgjdbc connection through the proxy over TLS.
   *
   * @param extra appended to the URL, e.g. {@code ?prepareThreshold=1}, or empty
   */
  Connection connect(String logicalName, String password, String extra) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", account.user());
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "require");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + logicalName + extra, properties);
  }

  /**
   * Runs the {@code tdb} CLI with {@code args} against this service's admin as its account and
   * returns what it printed; fails the test unless it exits 0.
   */
  String tdb(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--url", adminUri().toString(), "--user", user(), "--secret", secret()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TdbCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    if (code != 0) {
      throw new AssertionError("tdb " + all + " exited " + code + ": " + err);
    }
    return out.toString();
  }

  /**
   * Creates a login role {@code <logicalName>_direct} with {@code password} that is a member of the
   * runtime role of {@code logicalName}, and returns its name. The runtime role's own password is
   * sealed in the admin service; this role has the same rights and lets a test speak to PostgreSQL
   * directly, to compare with what the proxy shows. Dropped with everything else by {@link #close}.
   */
  String createDirectRole(String logicalName, String password) throws SQLException {
    String role = logicalName + "_direct";
    try (Connection c = postgres.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE ROLE \""
              + role
              + "\" LOGIN PASSWORD '"
              + password
              + "' IN ROLE \""
              + Names.runtimeRole(logicalName)
              + "\"");
    }
    return role;
  }

  /** A superuser connection straight to the physical database of {@code logicalName}. */
  Connection superuser(String logicalName) throws SQLException {
    return postgres.connect(logicalName);
  }

  /** Stops the proxy and the admin service and drops every database and role they made. */
  @Override
  public void close() throws SQLException {
    proxy.close();
    base.close();
  }

  /** Whether psql, the real libpq client, is installed where the tests look for it. */
  static boolean psqlInstalled() {
    return Files.isExecutable(Path.of(PSQL));
  }

  /**
   * Runs psql against {@code database} through this proxy with TLS, as the account, each of {@code
   * commands} as a {@code -c}; its output (unaligned, tuples only), once it has exited.
   */
  String psql(String database, String... commands) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PSQL);
    command.add(
        "host=127.0.0.1 port="
            + port()
            + " dbname="
            + database
            + " user="
            + user()
            + " sslmode=require");
    command.add("-X");
    command.add("-At");
    for (String sql : commands) {
      command.add("-c");
      command.add(sql);
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", secret());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("psql exited").isTrue();
    return output;
  }
}
