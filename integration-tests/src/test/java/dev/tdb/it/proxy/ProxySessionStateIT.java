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
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy reads a session's text as the server does: it follows {@code
 * standard_conforming_strings} and {@code client_encoding} as the server reports them, ends a
 * tenant session whose server reads backslashes as escapes or whose encoding tdb cannot read, and
 * passes startup settings on only as the policy would let a SET through. Raw frames, so that no
 * driver splits or rewrites the text.
 */
@ExtendWith(PostgresExtension.class)
final class ProxySessionStateIT {
  /**
   * With backslash escapes, the DO is a statement of its own; with standard strings, in a string.
   */
  private static final String HIDDEN_DO =
      "SELECT 'x\\' , $a$ ' ; DO $d$BEGIN INSERT INTO note VALUES (%d, 'ran'); END$d$; SELECT 1"
          + " --$a$";

  private static final String SCS_OFF =
      "UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'";

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @BeforeEach
  void emptyTheTable() throws SQLException {
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM note");
    }
  }

  @Test
  void aTenantNeverRunsTheDoHiddenByTurningStandardStringsOff() throws Exception {
    try (WireClient client = proxied(service.tenant(), Map.of())) {
      List<Message> answer = run(client, SCS_OFF);
      if (isOpen(answer)) {
        // The policy let the UPDATE through: the server then reads backslashes as escapes.
        assertThat(answer).anySatisfy(m -> assertThat(m.type()).isEqualTo('E'));
        run(client, HIDDEN_DO.formatted(601));
      } else {
        assertThat(fatal(answer).field('C')).isEqualTo("0A000");
      }
    }
    assertThat(noteRows()).isEmpty();
  }

  @Test
  void aTenantNeverRunsTheDoPipelinedBehindTheChange() throws Exception {
    try (WireClient client = proxied(service.tenant(), Map.of())) {
      client.query(SCS_OFF).query(HIDDEN_DO.formatted(602)).flush();
      readAll(client);
    }
    assertThat(noteRows()).isEmpty();
  }

  @Test
  void aTenantSessionWhoseRoleHasStandardStringsOffIsRefused() throws Exception {
    // In the database as well: the admin sets standard strings on there, which wins over the role.
    String role = inDatabase(service.tenant());
    superuser("ALTER ROLE " + role + " SET standard_conforming_strings = off");
    PgActivity.endPooled(service, service.tenant());
    try {
      assertThatThrownBy(() -> proxied(service.tenant(), Map.of()).close())
          .hasMessageContaining("startup refused: 0A000")
          .hasMessageContaining("standard_conforming_strings is off");
    } finally {
      superuser("ALTER ROLE " + role + " RESET standard_conforming_strings");
    }
  }

  @Test
  void aWorkspaceFollowsStandardStringsOffAndSeesWhatItHides() throws Exception {
    // In the database as well: the admin sets standard strings on there, which wins over the role.
    String role = inDatabase(service.workspace());
    superuser("ALTER ROLE " + role + " SET standard_conforming_strings = off");
    PgActivity.endPooled(service, service.workspace());
    try (WireClient client = proxied(service.workspace(), Map.of())) {
      assertThat(values(run(client, "SELECT 'a\\'b'"))).containsExactly("a'b");
      List<Message> hidden = run(client, "SELECT 'x\\' , $a$ ' ; CREATE ROLE evil; SELECT 1 --$a$");
      Message error = hidden.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
      assertThat(error.field('M')).isEqualTo("CREATE ROLE is not allowed through tdb");
    } finally {
      superuser("ALTER ROLE " + role + " RESET standard_conforming_strings");
    }
  }

  @Test
  void refusesSjisInTheStartupPacketOnTenantsAndWorkspaces() {
    for (String database : List.of(service.tenant(), service.workspace())) {
      // Refused by the policy as a SET, or by the proxy once the server reports the encoding.
      assertThatThrownBy(() -> proxied(database, Map.of("client_encoding", "SJIS")).close())
          .as(database)
          .hasMessageMatching("(?i)startup refused: (0A000|22021|42501) .*sjis.*");
    }
  }

  @Test
  void aTenantNeverRunsTheDoHiddenInSjisBytes() throws Exception {
    try (WireClient client = proxied(service.tenant(), Map.of())) {
      // 0x95 0x5C is one SJIS character; read any other way, its second byte escapes the quote.
      ByteArrayOutputStream sql = new ByteArrayOutputStream();
      sql.writeBytes("SELECT E'".getBytes(StandardCharsets.US_ASCII));
      sql.write(0x95);
      sql.write(0x5C);
      sql.writeBytes(
          "'; DO $d$BEGIN INSERT INTO note VALUES (603, 'ran'); END$d$; -- '"
              .getBytes(StandardCharsets.US_ASCII));
      sql.write(0);
      client.query("SET client_encoding = 'SJIS'").send('Q', sql.toByteArray()).flush();
      List<Message> answer = readAll(client);
      assertThat(answer).anySatisfy(m -> assertThat(m.type()).isEqualTo('E'));
    }
    assertThat(noteRows()).isEmpty();
  }

  @Test
  void endsATenantSessionThatSwitchesToSjis() throws Exception {
    try (WireClient client = proxied(service.tenant(), Map.of())) {
      List<Message> answer = run(client, "SET client_encoding = 'SJIS'");
      Message error = answer.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
      assertThat(error.field('C')).isIn("0A000", "22021", "42501");
      assertThat(error.field('M')).containsIgnoringCase("SJIS");
    }
  }

  @Test
  void forwardsStartupSettingsWhateverTheirCaseAndTheOptions() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("datestyle", "SQL, DMY");
    settings.put("timezone", "Asia/Tokyo");
    settings.put("options", "-c lock_timeout=1234 --default-transaction-read-only=on");
    try (WireClient client = proxied(service.tenant(), settings)) {
      assertThat(values(run(client, "SHOW DateStyle"))).containsExactly("SQL, DMY");
      assertThat(values(run(client, "SHOW TimeZone"))).containsExactly("Asia/Tokyo");
      assertThat(values(run(client, "SHOW lock_timeout"))).containsExactly("1234ms");
      assertThat(values(run(client, "SHOW default_transaction_read_only"))).containsExactly("on");
    }
  }

  @Test
  void refusesAStartupSettingThePolicyRefusesInASet() {
    assertThatThrownBy(
            () ->
                proxied(service.tenant(), Map.of("options", "-c standard_conforming_strings=off"))
                    .close())
        .hasMessageMatching("startup refused: (0A000|42501) .*standard_conforming_strings.*");
    assertThatThrownBy(() -> proxied(service.tenant(), Map.of("role", "postgres")).close())
        .hasMessageContaining("startup refused: 42501");
  }

  private static WireClient proxied(String database, Map<String, String> extra) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", service.user());
    parameters.put("database", database);
    parameters.putAll(extra);
    return WireClient.connect(
        "127.0.0.1",
        service.port(),
        Transport.TLS,
        WireClient.PROTOCOL_3_0,
        parameters,
        service.secret());
  }

  /** Sends {@code sql} and reads up to ReadyForQuery, or to the end when the session ends. */
  private static List<Message> run(WireClient client, String sql) throws IOException {
    client.query(sql).flush();
    List<Message> messages = new ArrayList<>();
    try {
      Message m;
      do {
        m = client.read();
        messages.add(m);
      } while (m.type() != 'Z');
    } catch (EOFException ended) {
      // The proxy ended the session; its FATAL is the last message.
    }
    return messages;
  }

  /** Reads until the session ends or stays quiet, for pipelines whose answers vary. */
  private static List<Message> readAll(WireClient client) throws IOException {
    client.setReadTimeout(5000);
    List<Message> messages = new ArrayList<>();
    int ready = 0;
    try {
      while (ready < 2) {
        Message m = client.read();
        messages.add(m);
        if (m.type() == 'Z') {
          ready++;
        }
      }
    } catch (EOFException ended) {
      // The proxy ended the session.
    }
    return messages;
  }

  private static boolean isOpen(List<Message> answer) {
    return !answer.isEmpty() && answer.get(answer.size() - 1).type() == 'Z';
  }

  private static Message fatal(List<Message> answer) {
    Message last = answer.get(answer.size() - 1);
    assertThat(last.type()).isEqualTo('E');
    assertThat(last.field('S')).isEqualTo("FATAL");
    return last;
  }

  private static List<String> values(List<Message> answer) {
    List<String> values = new ArrayList<>();
    for (Message m : answer) {
      if (m.type() == 'E') {
        throw new AssertionError("error " + m.field('C') + " " + m.field('M'));
      }
      if (m.type() == 'D') {
        WireClient.Body body = m.read();
        body.int16();
        values.add(body.value());
      }
    }
    return values;
  }

  private static List<Integer> noteRows() throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM note")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  /** {@code "role" IN DATABASE "database"} of the session that {@code logicalName} gets. */
  private static String inDatabase(String logicalName) throws SQLException {
    try (Connection c = service.connect(logicalName, service.secret(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user, current_database()")) {
      rs.next();
      return "\"" + rs.getString(1) + "\" IN DATABASE \"" + rs.getString(2) + "\"";
    }
  }

  private static void superuser(String sql) throws SQLException {
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
