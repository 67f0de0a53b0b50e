/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;

/**
 * TLS on a shared test server for one test class: {@link #serve} writes a certificate and key into
 * the data directory with {@code lo_export} (so the files belong to the server's account, as
 * PostgreSQL demands of a key), turns {@code ssl} on with {@code ALTER SYSTEM} and reloads; {@link
 * #close()} resets those settings and reloads, so the server is as it was.
 */
final class ServerSsl implements AutoCloseable {
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

  private final TestPostgres server;
  private int files;

  private ServerSsl(TestPostgres server) {
    this.server = server;
  }

  /** TLS on {@code server} with {@code issued}, in effect for new connections on return. */
  static ServerSsl enable(TestPostgres server, TestCa.Issued issued) throws Exception {
    ServerSsl ssl = new ServerSsl(server);
    ssl.serve(issued);
    return ssl;
  }

  /** Makes the server present {@code issued} to new connections, waiting until it does. */
  void serve(TestCa.Issued issued) throws Exception {
    files++;
    String certificate = "tdb-it-server-" + files + ".crt";
    String key = "tdb-it-server-" + files + ".key";
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      export(c, issued.certificatePem(), certificate);
      export(c, issued.keyPem(), key);
      // lo_export writes mode 644; PostgreSQL refuses a key that others can read.
      s.execute(program("chmod 600 " + key));
      s.execute("ALTER SYSTEM SET ssl_cert_file = '" + certificate + "'");
      s.execute("ALTER SYSTEM SET ssl_key_file = '" + key + "'");
      s.execute("ALTER SYSTEM SET ssl = on");
      s.execute("SELECT pg_reload_conf()");
      awaitPresented(c, issued.certificate().getEncoded());
    }
  }

  /**
   * Puts {@code ssl} and its files back as the server's configuration files say, reloads, and
   * removes the files {@link #serve} wrote.
   */
  @Override
  public void close() throws SQLException {
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM RESET ssl");
      s.execute("ALTER SYSTEM RESET ssl_cert_file");
      s.execute("ALTER SYSTEM RESET ssl_key_file");
      s.execute("SELECT pg_reload_conf()");
      // The server read the files when it loaded them; a reload to its own settings needs none.
      s.execute(program("rm -f tdb-it-server-*.crt tdb-it-server-*.key"));
    }
  }

  /**
   * A {@code COPY TO PROGRAM} that runs {@code command} in the server's data directory. The program
   * reads the row PostgreSQL writes to it first: a command that exits without reading its input can
   * close the pipe before PostgreSQL is done with it, which fails the COPY with "could not close
   * pipe to external command: Broken pipe".
   */
  private static String program(String command) {
    return "COPY (SELECT 1) TO PROGRAM 'cat > /dev/null; " + command + "'";
  }

  /** Waits until a handshake shows {@code expected}: the postmaster reloads on a signal. */
  private void awaitPresented(Connection connection, byte[] expected) throws Exception {
    long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
    while (!Arrays.equals(presented(), expected)) {
      if (System.nanoTime() > deadline) {
        try (Statement s = connection.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT current_setting('ssl_library') || ' / ' || coalesce(string_agg("
                        + "name || ': ' || error, '; '), 'no errors') FROM pg_file_settings"
                        + " WHERE error IS NOT NULL")) {
          rs.next();
          throw new AssertionError(
              "the test server does not present the new certificate: " + rs.getString(1));
        }
      }
      Thread.sleep(50);
    }
  }

  /** The certificate the server presents after SSLRequest, or null when it answers 'N'. */
  private byte[] presented() throws IOException, GeneralSecurityException {
    try (Socket plain = new Socket(server.host(), server.port())) {
      OutputStream out = plain.getOutputStream();
      out.write(WireClient.int32(8));
      out.write(WireClient.int32(WireClient.SSL_REQUEST));
      out.flush();
      if (plain.getInputStream().read() != 'S') {
        return null;
      }
      try (SSLSocket tls = WireClient.handshake(plain, server.host(), server.port())) {
        Certificate[] chain = tls.getSession().getPeerCertificates();
        return chain[0].getEncoded();
      }
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
