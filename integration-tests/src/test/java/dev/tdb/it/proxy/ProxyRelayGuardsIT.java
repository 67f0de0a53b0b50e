/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.it.proxy.WireClient.Message;
import dev.tdb.it.proxy.WireClient.Transport;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.postgresql.util.PSQLException;

/**
 * What the relay guards once a session runs: FunctionCall (fastpath) refused on tenants and counted
 * like a Query elsewhere, {@code max_rows_per_query} on {@code COPY ... TO STDOUT}, and a client
 * that breaks the protocol told so with {@code FATAL 08P01} before the close.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyRelayGuardsIT {
  private static final int MAX_ROWS = 1000;
  private static final long TIMEOUT_MS = 3000;

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
    // Before the proxy first routes them, so that its first sessions get them.
    service.updateSettings(Map.of("max_rows_per_query", MAX_ROWS, "query_timeout_ms", TIMEOUT_MS));
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void aFastpathCallInAWorkspaceLeavesTheStatementTimerRight() throws Exception {
    try (Connection c = service.connect(service.workspace(), service.secret(), "");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      LargeObjectManager objects = c.unwrap(PGConnection.class).getLargeObjectAPI();
      long oid = objects.createLO();
      try (LargeObject object = objects.open(oid, LargeObjectManager.WRITE)) {
        object.write("fastpath".getBytes(StandardCharsets.UTF_8));
      }
      objects.delete(oid);
      c.commit();
      c.setAutoCommit(true);
      s.execute("SELECT 1");
      // Idle longer than the limit plus the grace: a timer that never went idle would count it.
      Thread.sleep(TIMEOUT_MS);
      try (ResultSet rs = s.executeQuery("SELECT 7 FROM pg_sleep(2.5)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
    }
  }

  @Test
  void refusesAFastpathCallOnATenantAndTheSessionGoesOn() throws SQLException {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      LargeObjectManager objects = c.unwrap(PGConnection.class).getLargeObjectAPI();
      assertThatThrownBy(objects::createLO)
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo(
                        "function calls by OID (FunctionCall) are not allowed on tenant databases");
                assertThat(e.getServerErrorMessage().getHint()).contains("SELECT");
              });
      c.rollback();
      c.setAutoCommit(true);
      try (ResultSet rs = s.executeQuery("SELECT 42")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void endsACopyToStdoutOverTheRowLimitWith54000() throws Exception {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringWriter atLimit = new StringWriter();
      assertThat(
              copy.copyOut("COPY (SELECT generate_series(1, " + MAX_ROWS + ")) TO STDOUT", atLimit))
          .isEqualTo(MAX_ROWS);
      StringWriter over = new StringWriter();
      assertThatThrownBy(
              () -> copy.copyOut("COPY (SELECT generate_series(1, 2000000)) TO STDOUT", over))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("54000");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo("query returned more than max_rows_per_query (1000) rows");
              });
      assertThat(over.toString().lines().count()).isLessThanOrEqualTo(MAX_ROWS);
      try (ResultSet rs = s.executeQuery("SELECT 42")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void psqlCopyToStdoutStopsAtTheRowLimit() throws Exception {
    Path psql = Path.of("/usr/bin/psql");
    Assumptions.assumeTrue(Files.isExecutable(psql), "psql is not installed: skipped");
    ProcessBuilder builder =
        new ProcessBuilder(
                psql.toString(),
                "host=127.0.0.1 port="
                    + service.port()
                    + " dbname="
                    + service.tenant()
                    + " user="
                    + service.user()
                    + " sslmode=require",
                "-X",
                "-At",
                "-c",
                "\\copy (select generate_series(1,200000)) to stdout")
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", service.secret());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("query returned more than max_rows_per_query (1000) rows");
    assertThat(output.lines().filter(line -> line.matches("\\d+")).count())
        .isLessThanOrEqualTo(MAX_ROWS);
  }

  @Test
  void anUnknownMessageTypeEndsTheSessionWith08P01() throws IOException {
    try (WireClient client = proxied()) {
      client.send('x', new byte[0]).flush();
      assertFatalProtocolViolation(client, "invalid frontend message type 120");
    }
  }

  @Test
  void aLengthBelowFourEndsTheSessionWith08P01() throws IOException {
    try (WireClient client = proxied()) {
      client.sendRaw(frameHeader('Q', 2)).flush();
      assertFatalProtocolViolation(client, "invalid message length");
    }
  }

  @Test
  void aMessageOverTheLimitEndsTheSessionWith08P01() throws IOException {
    try (WireClient client = proxied()) {
      client.sendRaw(frameHeader('Q', Integer.MAX_VALUE)).flush();
      assertFatalProtocolViolation(client, "invalid message length");
    }
  }

  @Test
  void aQueryWithoutItsTerminatorEndsTheSessionWith08P01() throws IOException {
    try (WireClient client = proxied()) {
      client.send('Q', "SELECT 1".getBytes(StandardCharsets.US_ASCII)).flush();
      assertFatalProtocolViolation(client, "invalid message format");
    }
  }

  private static void assertFatalProtocolViolation(WireClient client, String message)
      throws IOException {
    client.setReadTimeout(10_000);
    Message m = client.read();
    assertThat(m.type()).isEqualTo('E');
    assertThat(m.field('S')).isEqualTo("FATAL");
    assertThat(m.field('C')).isEqualTo("08P01");
    assertThat(m.field('M')).startsWith(message);
    assertThat(client.atEndOfStream()).isTrue();
  }

  private static byte[] frameHeader(char type, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(type);
    out.writeBytes(WireClient.int32(length));
    return out.toByteArray();
  }

  private static WireClient proxied() throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", service.user());
    parameters.put("database", service.tenant());
    return WireClient.connect(
        "127.0.0.1",
        service.port(),
        Transport.TLS,
        WireClient.PROTOCOL_3_0,
        parameters,
        service.secret());
  }
}
