/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.tls.ProxyTls;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy reaches a cluster registered with {@code ssl_mode=require} over TLS. The test server is
 * given a certificate made as the proxy makes its own and {@code ssl = on} for the duration of this
 * class (written into its data directory with {@code lo_export}, so the files belong to the
 * server's account, as PostgreSQL demands of a key), and put back as it was afterwards.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyServerTlsIT {
  private static final String CERTIFICATE = "tdb-it-server.crt";
  private static final String KEY = "tdb-it-server.key";

  private static TestPostgres server;
  private static boolean sslWasOn;

  @BeforeAll
  static void enableSsl(TestPostgres postgres) throws Exception {
    server = postgres;
    Path dir = Files.createTempDirectory("tdb-it-server-tls");
    ProxyTls.generated(dir, "localhost");
    try (Connection c = postgres.connect();
        Statement s = c.createStatement()) {
      sslWasOn = show(s, "ssl").equals("on");
      if (sslWasOn) {
        return;
      }
      export(c, Files.readString(dir.resolve(ProxyTls.CERTIFICATE_FILE)), CERTIFICATE);
      export(c, Files.readString(dir.resolve(ProxyTls.KEY_FILE)), KEY);
      // lo_export writes mode 644; PostgreSQL refuses a key that others can read.
      s.execute("COPY (SELECT 1) TO PROGRAM 'chmod 600 " + KEY + "'");
      s.execute("ALTER SYSTEM SET ssl_cert_file = '" + CERTIFICATE + "'");
      s.execute("ALTER SYSTEM SET ssl_key_file = '" + KEY + "'");
      s.execute("ALTER SYSTEM SET ssl = on");
      s.execute("SELECT pg_reload_conf()");
      awaitSsl(c);
    }
  }

  /** Waits until new connections get TLS: the postmaster reloads on a signal, not at once. */
  private static void awaitSsl(Connection connection) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Connection fresh = server.connect();
          Statement s = fresh.createStatement()) {
        try (ResultSet rs =
            s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
        }
      }
      if (System.nanoTime() > deadline) {
        try (Statement s = connection.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT current_setting('ssl_library') || ' / ' || coalesce(string_agg("
                        + "name || ': ' || error, '; '), 'no errors') FROM pg_file_settings"
                        + " WHERE error IS NOT NULL")) {
          rs.next();
          throw new AssertionError("ssl stays off on the test server: " + rs.getString(1));
        }
      }
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void restoreSsl() throws SQLException {
    if (sslWasOn) {
      return;
    }
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM RESET ssl");
      s.execute("ALTER SYSTEM RESET ssl_cert_file");
      s.execute("ALTER SYSTEM RESET ssl_key_file");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  @Test
  void aClusterWithSslModeRequireIsReachedOverTls() throws Exception {
    try (ProxyService service = ProxyService.startWithServerSslMode(server, "require");
        Connection connection = service.connect(service.tenant(), service.secret(), "");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Writes {@code text} to {@code file} in the data directory, as the server's account. */
  private static void export(Connection connection, String text, String file) throws SQLException {
    long oid;
    try (PreparedStatement create = connection.prepareStatement("SELECT lo_from_bytea(0, ?)")) {
      create.setBytes(1, text.getBytes(StandardCharsets.US_ASCII));
      try (ResultSet rs = create.executeQuery()) {
        rs.next();
        oid = rs.getLong(1);
      }
    }
    try (PreparedStatement write =
        connection.prepareStatement("SELECT lo_export(?, ?), lo_unlink(?)")) {
      write.setLong(1, oid);
      write.setString(2, file);
      write.setLong(3, oid);
      write.execute();
    }
  }
}
