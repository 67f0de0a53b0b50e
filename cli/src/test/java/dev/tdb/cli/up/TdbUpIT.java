/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tdb.cli.Profile;
import dev.tdb.cli.TdbCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdb up} as a user runs it: a separate JVM with its own embedded PostgreSQL, stopped with a
 * signal and started again on the same data.
 */
final class TdbUpIT {
  private static final Pattern PRINTED_TENANT_URL =
      Pattern.compile("myapp__acme +tenant +psql \"([^\"]+)\"");
  private static final Pattern SSL_ROOT_CERT = Pattern.compile("[?&]sslrootcert=([^&]+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final int KEY_CERT_SIGN = 5;
  private static final Path PSQL = Path.of("/usr/bin/psql");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  // The Node project of the client tests, from this module's directory (Maven's working directory).
  private static final Path NODE_PROJECT = Path.of("../integration-tests/src/test/node");

  @Test
  void startsEverythingPrintsWorkingConnectionsAndFindsItAgainAfterARestart(@TempDir Path dir)
      throws Exception {
    // When tests run as root, PostgreSQL runs as nobody, which must be able to enter this folder.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path home = dir.resolve("home");
    int postgresPort = freePort();
    int proxyPort = freePort();

    String firstOutput;
    Profile profile;
    Process first = start(home, postgresPort, proxyPort);
    try {
      firstOutput = awaitUp(first);
      assertThat(firstOutput).contains("tdb is up.").contains("controlplane_workspace");
      profile = Profile.read(home).orElseThrow();
      assertThat(firstOutput).contains(profile.user());
      assertThat(Files.getPosixFilePermissions(Profile.file(home)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      try (Connection tenant = connect(firstOutput)) {
        assertThat(tenant.createStatement().executeQuery("select 1").next()).isTrue();
        assertThatThrownBy(() -> tenant.createStatement().execute("create table t (id int)"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("DDL not allowed on tenant databases - use workspace mode")
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
      }
      assertSeedFlowWithAnExtension(firstOutput, profile);
      String url = printedUrl(firstOutput);
      assertProxyCertificate(url, home);
      assertPsqlAnswers(url);
      assertPsycopg2Answers(url);
      assertNodePostgresAnswers(url);
      assertThat(cli(profile, "tenants", "create", "myapp__globex")).isZero();
    } finally {
      stop(first);
    }
    assertThatThrownBy(() -> connect(firstOutput)).isInstanceOf(SQLException.class);

    Process second = start(home, postgresPort, proxyPort);
    try {
      String secondOutput = awaitUp(second);
      Profile again = Profile.read(home).orElseThrow();
      assertThat(again.user()).isEqualTo(profile.user());
      StringWriter out = new StringWriter();
      int code =
          TdbCli.run(
              withCredentials(again, "tenants", "list"),
              new PrintWriter(out),
              new PrintWriter(new StringWriter()));
      assertThat(code).isZero();
      assertThat(out.toString()).contains("myapp__acme").contains("myapp__globex");
      try (Connection tenant = connect(secondOutput)) {
        assertThat(tenant.isValid(5)).isTrue();
      }
    } finally {
      stop(second);
    }
  }

  @Test
  void comesBackAfterKillMinus9AndDrainsOnCtrlC(@TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path home = dir.resolve("home");
    int postgresPort = freePort();
    int proxyPort = freePort();

    Process first = start(home, postgresPort, proxyPort);
    try {
      String firstOutput = awaitUp(first);
      // A second tdb up on the same home while the first lives is refused, and takes nothing down.
      Process intruder = start(home, freePort(), freePort());
      assertThat(intruder.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(new String(intruder.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("is in use by another process");
      assertThat(intruder.exitValue()).isNotZero();
      try (Connection tenant = connect(firstOutput)) {
        assertThat(tenant.isValid(5)).isTrue();
      }
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL stays up
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (Connection leftover = superuser(home, postgresPort)) {
      assertThat(leftover.isValid(5)).as("PostgreSQL outlives a killed tdb up").isTrue();
    }

    Process second = start(home, postgresPort, proxyPort);
    try {
      String secondOutput = awaitUp(second);
      assertThat(secondOutput)
          .containsPattern("Stopped PostgreSQL \\(PID \\d+, port " + postgresPort + "\\)");
      try (Connection tenant = connect(secondOutput)) {
        assertThat(tenant.createStatement().executeQuery("select 1").next()).isTrue();
      }
      assertEmbeddedServerSizedAsACluster(home, postgresPort);
      assertRunningStatementFinishesOnCtrlC(second, secondOutput);
    } finally {
      stop(second);
    }
  }

  /** tdb up's PostgreSQL is a cluster for many tenants, with slots kept for the admin service. */
  private static void assertEmbeddedServerSizedAsACluster(Path home, int postgresPort)
      throws Exception {
    try (Connection postgres = superuser(home, postgresPort)) {
      assertThat(show(postgres, "max_connections")).isEqualTo("200");
      assertThat(show(postgres, "superuser_reserved_connections")).isEqualTo("10");
    }
  }

  /**
   * On SIGTERM (as Ctrl-C) the proxy lets a running statement finish while PostgreSQL still runs,
   * and only then stops everything.
   */
  private static void assertRunningStatementFinishesOnCtrlC(Process process, String welcome)
      throws Exception {
    try (Connection tenant = connect(welcome);
        Connection watcher = connect(welcome)) {
      CompletableFuture<Boolean> sleeping =
          CompletableFuture.supplyAsync(
              () -> {
                try (ResultSet rs = tenant.createStatement().executeQuery("SELECT pg_sleep(3)")) {
                  return rs.next();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitActive(watcher, "SELECT pg_sleep(3)");
      process.destroy();
      assertThat(sleeping.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void awaitActive(Connection watcher, String query) throws Exception {
    try (PreparedStatement active =
        watcher.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE query = ? AND state = 'active'")) {
      active.setString(1, query);
      await(query + " running")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                try (ResultSet rs = active.executeQuery()) {
                  rs.next();
                  return rs.getInt(1) > 0;
                }
              });
    }
  }

  /** The embedded server's superuser, straight, without tdb in between. */
  private static Connection superuser(Path home, int postgresPort) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
        "tdb",
        new LocalFiles(home).postgresPassword());
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Process start(Path home, int postgresPort, int proxyPort) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            TdbMain.class.getName(),
            "up",
            "--home",
            home.toString(),
            "--port",
            "0",
            "--postgres-port",
            Integer.toString(postgresPort),
            "--proxy-port",
            Integer.toString(proxyPort));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the process's output until the welcome is complete; returns it. */
  private static String awaitUp(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> welcome =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  seen.append(line).append('\n');
                  if (line.startsWith("Ctrl-C stops tdb")) {
                    drainInBackground(reader);
                    return seen.toString();
                  }
                }
              } catch (IOException e) {
                seen.append(e);
              }
              throw new AssertionError("tdb up ended before it was up:\n" + seen);
            });
    return welcome.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Keeps reading so the child never blocks on a full pipe. */
  private static void drainInBackground(BufferedReader reader) {
    Thread drain =
        new Thread(
            () -> {
              try {
                while (reader.readLine() != null) {
                  // discard
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
  }

  /** Stops the process as Ctrl-C would (its shutdown hooks run) and waits for it. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tdb up did not stop within 60 s of SIGTERM");
    }
  }

  /**
   * The seed flow of issue 20: a trusted extension and a table using it designed in
   * myapp_workspace, deployed to every tenant, used in one.
   */
  private static void assertSeedFlowWithAnExtension(String welcome, Profile profile)
      throws SQLException {
    try (Connection workspace = connect(welcome, "myapp_workspace");
        Statement statement = workspace.createStatement()) {
      statement.execute("CREATE EXTENSION citext");
      statement.execute("CREATE TABLE contacts (email citext PRIMARY KEY)");
    }
    assertThat(cli(profile, "deployments", "create", "--blueprint", "myapp", "--all")).isZero();
    try (Connection tenant = connect(welcome);
        Statement statement = tenant.createStatement()) {
      statement.execute("INSERT INTO contacts VALUES ('Ada@Example.com')");
      try (ResultSet rs =
          statement.executeQuery("SELECT email FROM contacts WHERE email = 'ada@example.com'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Ada@Example.com");
      }
    }
  }

  private static Connection connect(String welcome) throws SQLException {
    return connect(welcome, "myapp__acme");
  }

  /**
   * A connection to {@code database} through the proxy with the credentials of its printed URL (the
   * application credential for the tenant, the account for the workspace).
   */
  private static Connection connect(String welcome, String database) throws SQLException {
    Matcher m =
        Pattern.compile(
                "postgresql://([^:\\s]+):([^@\\s]+)@([^:/\\s]+):(\\d+)/("
                    + Pattern.quote(database)
                    + ")\\?")
            .matcher(welcome);
    assertThat(m.find()).as("a proxy URL for %s in:\n%s", database, welcome).isTrue();
    String password = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
    // The printed URL goes through the proxy with TLS, as psql would use it.
    return DriverManager.getConnection(
        "jdbc:postgresql://" + m.group(3) + ":" + m.group(4) + "/" + database + "?sslmode=require",
        m.group(1),
        password);
  }

  /** The myapp__acme proxy URL exactly as the welcome shows it after {@code psql}. */
  private static String printedUrl(String welcome) {
    Matcher m = PRINTED_TENANT_URL.matcher(welcome);
    assertThat(m.find()).as("a psql line for myapp__acme in:\n%s", welcome).isTrue();
    return m.group(1);
  }

  /**
   * The URL names the local CA by absolute path, and the proxy's certificate is signed by it and
   * names every way the URL's host reaches it.
   */
  private static void assertProxyCertificate(String url, Path home) throws Exception {
    Matcher m = SSL_ROOT_CERT.matcher(url);
    assertThat(m.find()).as("sslrootcert in %s", url).isTrue();
    Path caFile = Path.of(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
    assertThat(caFile).isAbsolute().isEqualTo(home.resolve("proxy-tls/ca.crt").toAbsolutePath());
    X509Certificate ca = certificate(caFile);
    assertThat(ca.getBasicConstraints()).as("CA:TRUE").isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).as("keyCertSign").isTrue();
    X509Certificate proxy = certificate(home.resolve("proxy-tls/proxy.crt"));
    proxy.verify(ca.getPublicKey());
    assertThat(proxy.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)))
        .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
  }

  private static void assertPsqlAnswers(String url) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PSQL), "psql is not installed: skipped");
    // As a user pastes the printed line; the URL reaches the shell through the environment.
    String out =
        client(
            Path.of("."),
            url,
            List.of("sh", "-c", PSQL + " \"$TDB_TENANT_URL\" -X -At -c 'SELECT 40 + 2'"));
    assertThat(out.strip()).isEqualTo("42");
  }

  private static void assertPsycopg2Answers(String url) throws Exception {
    Assumptions.assumeTrue(
        run(Path.of("."), Map.of(), List.of(PYTHON.toString(), "-c", "import psycopg2")).exit == 0,
        "psycopg2 is not installed: apt-get install python3-psycopg2");
    String script =
        "import os, psycopg2\n"
            + "c = psycopg2.connect(os.environ['TDB_TENANT_URL'])\n"
            + "cur = c.cursor()\n"
            + "cur.execute('SELECT 40 + 2')\n"
            + "print(cur.fetchone()[0])\n";
    String out = client(Path.of("."), url, List.of(PYTHON.toString(), "-c", script));
    assertThat(out.strip()).isEqualTo("42");
  }

  private static void assertNodePostgresAnswers(String url) throws Exception {
    Assumptions.assumeTrue(
        Files.isDirectory(NODE_PROJECT.resolve("node_modules/pg")),
        "node-postgres is not installed: run `npm ci` in integration-tests/src/test/node");
    String out = client(NODE_PROJECT, url, List.of("node", "url-as-is.mjs"));
    assertThat(out.strip().lines().reduce((a, b) -> b).orElse(""))
        .contains("\"answer\":42")
        .contains("\"authorized\":true")
        .contains("\"issuer\":\"tdb local CA ");
  }

  /** Runs a client with the URL in {@code TDB_TENANT_URL}; returns its output, asserting exit 0. */
  private static String client(Path directory, String url, List<String> command) throws Exception {
    Result result = run(directory, Map.of("TDB_TENANT_URL", url), command);
    assertThat(result.exit).as("%s exit code; output:%n%s", command.get(0), result.output).isZero();
    return result.output;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path directory, Map<String, String> environment, List<String> command)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not end within 60 s");
    }
    return new Result(process.exitValue(), output.get());
  }

  private static X509Certificate certificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static int cli(Profile profile, String... args) {
    return TdbCli.run(
        withCredentials(profile, args),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }

  private static String[] withCredentials(Profile profile, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--url", URI.create(profile.url()).toString(),
            "--user", profile.user(),
            "--secret", profile.secret()));
    return all.toArray(String[]::new);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
