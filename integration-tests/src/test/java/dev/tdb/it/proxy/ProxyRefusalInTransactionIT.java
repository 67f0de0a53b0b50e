/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.Policy;
import dev.tdb.it.FailedTransaction;
import dev.tdb.it.FailedTransaction.Step;
import dev.tdb.it.proxy.WireClient.Message;
import dev.tdb.it.proxy.WireClient.Transport;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
 * A statement that fails inside a transaction block fails the block, directly and through the
 * proxy: on a workspace the server's own syntax error, on a tenant the proxy's refusal of DDL; then
 * 25P02 for what follows, ROLLBACK for COMMIT, and nothing kept. Compared with a role that has the
 * runtime role's rights, connected straight to PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyRefusalInTransactionIT {
  private static final String PASSWORD = "direct-" + System.nanoTime();
  private static final String INVALID = "INVALID SQL SYNTAX";
  private static final String DDL = "CREATE TABLE evil (id int)";
  private static final String TENANT_REFUSAL = "42501 " + Policy.TENANT_DDL_MESSAGE;

  private static ProxyService service;
  private static TestPostgres server;
  private static String tenantRole;
  private static String workspaceRole;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    server = postgres;
    service = ProxyService.start(postgres);
    try (Connection c = service.connect(service.workspace(), service.secret(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t1 (id int)");
    }
    tenantRole = FailedTransaction.createDirectRole(postgres, service.tenant(), PASSWORD);
    workspaceRole = FailedTransaction.createDirectRole(postgres, service.workspace(), PASSWORD);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @BeforeEach
  void emptyTheTables() throws SQLException {
    empty(service.tenant(), "note");
    empty(service.workspace(), "t1");
  }

  @Test
  void aSyntaxErrorOnAWorkspaceIsTheServersAndFailsTheBlock() throws Exception {
    List<String> direct = queries(direct(service.workspace(), workspaceRole), "t1", INVALID);
    empty(service.workspace(), "t1");
    List<String> proxied = queries(proxied(service.workspace()), "t1", INVALID);

    assertThat(proxied).isEqualTo(direct);
    assertThat(proxied)
        .contains("E 42601 syntax error at or near \"INVALID\" at 1", "Z E", "C ROLLBACK")
        .endsWith("D 0", "C SELECT 1", "Z I");
  }

  @Test
  void aRefusedDdlOnATenantFailsTheBlockAsTheServersErrorWould() throws Exception {
    List<String> direct = queries(direct(service.tenant(), tenantRole), "note", DDL);
    empty(service.tenant(), "note");
    List<String> proxied = queries(proxied(service.tenant()), "note", DDL);

    assertThat(proxied).contains("E " + TENANT_REFUSAL);
    assertThat(proxied).isEqualTo(withTenantRefusal(direct));
    assertThat(proxied).containsSubsequence("E 25P02", "Z E", "C ROLLBACK", "Z I");
  }

  @Test
  void aRefusalPipelinedBehindTheInsertFailsTheBlockToo() throws Exception {
    List<String> direct = pipelined(direct(service.tenant(), tenantRole), "note", DDL);
    empty(service.tenant(), "note");
    List<String> proxied = pipelined(proxied(service.tenant()), "note", DDL);

    assertThat(proxied).isEqualTo(withTenantRefusal(direct));
    assertThat(proxied).contains("C ROLLBACK").endsWith("D 0", "C SELECT 1", "Z I");
  }

  @Test
  void aRefusedTextOfSeveralStatementsKeepsNothingInOrOutOfABlock() throws Exception {
    String text = "INSERT INTO note VALUES (2); " + DDL;
    List<String> direct = severalStatements(direct(service.tenant(), tenantRole), text);
    empty(service.tenant(), "note");
    List<String> proxied = severalStatements(proxied(service.tenant()), text);

    // PostgreSQL runs the INSERT before the DDL fails, then rolls it back with the rest; the
    // proxy runs nothing of a refused text, so only that INSERT's CommandComplete is missing.
    List<String> ranFirst = List.of("C INSERT 0 1");
    assertThat(direct).containsAll(ranFirst);
    assertThat(proxied)
        .isEqualTo(withTenantRefusal(direct.stream().filter(m -> !ranFirst.contains(m)).toList()));
    assertThat(proxied).containsSubsequence("Z T", "E " + TENANT_REFUSAL, "Z E", "C ROLLBACK");
    assertThat(proxied).endsWith("D 0", "C SELECT 1", "Z I");
  }

  @Test
  void aFunctionCallRefusedOnATenantFailsTheBlock() throws Exception {
    // now()'s OID, no argument formats, no arguments, a text result.
    byte[] call = ByteBuffer.allocate(10).putInt(1299).putShort((short) 0).array();
    List<String> seen = new ArrayList<>();
    try (WireClient client = proxied(service.tenant())) {
      client.query("BEGIN").query("INSERT INTO note VALUES (1)").flush();
      seen.addAll(normalized(client.readUntilReady()));
      seen.addAll(normalized(client.readUntilReady()));
      client.send('F', call).flush();
      seen.addAll(normalized(client.readUntilReady()));
      for (String sql : List.of("SELECT 1", "COMMIT", "SELECT count(*) FROM note")) {
        client.query(sql).flush();
        seen.addAll(normalized(client.readUntilReady()));
      }
    }

    assertThat(seen)
        .containsSubsequence(
            "E 42501 function calls by OID (FunctionCall) are not allowed on tenant databases",
            "Z E",
            "E 25P02",
            "Z E",
            "C ROLLBACK",
            "Z I")
        .endsWith("D 0", "C SELECT 1", "Z I");
  }

  @Test
  void pgjdbcSeesTheSameFailedTransactionOnAWorkspace() throws Exception {
    List<Step> direct;
    try (Connection c =
        FailedTransaction.direct(server, service.workspace(), workspaceRole, PASSWORD)) {
      direct = FailedTransaction.run(c, "t1", INVALID);
    }
    empty(service.workspace(), "t1");
    List<Step> proxied;
    try (Connection c = service.connect(service.workspace(), service.secret(), "")) {
      proxied = FailedTransaction.run(c, "t1", INVALID);
    }

    assertThat(proxied).isEqualTo(direct);
    assertThat(proxied.get(1).sqlState()).isEqualTo("42601");
    assertThat(proxied.get(2).sqlState()).isEqualTo("25P02");
    assertThat(proxied.get(4)).isEqualTo(new Step("ok", "0"));
  }

  @Test
  void pgjdbcSeesTheSameFailedTransactionOnATenant() throws Exception {
    List<Step> direct;
    try (Connection c = FailedTransaction.direct(server, service.tenant(), tenantRole, PASSWORD)) {
      direct = FailedTransaction.run(c, "note", DDL);
    }
    empty(service.tenant(), "note");
    List<Step> proxied;
    try (Connection c = service.connect(service.tenant(), service.secret(), "")) {
      proxied = FailedTransaction.run(c, "note", DDL);
    }

    assertThat(proxied.get(1).sqlState()).isEqualTo("42501");
    assertThat(proxied.get(1).message()).startsWith("ERROR: " + Policy.TENANT_DDL_MESSAGE);
    assertThat(proxied.get(1).sqlState()).isEqualTo(direct.get(1).sqlState());
    assertThat(without(proxied, 1)).isEqualTo(without(direct, 1));
    assertThat(proxied.get(2).sqlState()).isEqualTo("25P02");
    assertThat(proxied.get(4)).isEqualTo(new Step("ok", "0"));
  }

  /** The sequence as psql sends it: one Query a statement, each read to ReadyForQuery. */
  private static List<String> queries(WireClient client, String table, String failing)
      throws IOException {
    try (client) {
      List<String> seen = new ArrayList<>();
      for (String sql : sequence(table, failing)) {
        client.query(sql).flush();
        seen.addAll(normalized(client.readUntilReady()));
      }
      return seen;
    }
  }

  /** {@code text} as one Query outside a block, then inside one, COMMIT, and the count. */
  private static List<String> severalStatements(WireClient client, String text) throws IOException {
    try (client) {
      List<String> seen = new ArrayList<>();
      for (String sql : List.of(text, "BEGIN", text, "COMMIT", "SELECT count(*) FROM note")) {
        client.query(sql).flush();
        seen.addAll(normalized(client.readUntilReady()));
      }
      return seen;
    }
  }

  /** The sequence sent in one write, before any answer is read. */
  private static List<String> pipelined(WireClient client, String table, String failing)
      throws IOException {
    try (client) {
      List<String> sequence = sequence(table, failing);
      for (String sql : sequence) {
        client.query(sql);
      }
      client.flush();
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < sequence.size(); i++) {
        seen.addAll(normalized(client.readUntilReady()));
      }
      return seen;
    }
  }

  private static List<String> sequence(String table, String failing) {
    return List.of(
        "BEGIN",
        "INSERT INTO " + table + " VALUES (1)",
        failing,
        "SELECT 1",
        "COMMIT",
        "SELECT count(*) FROM " + table);
  }

  /** {@code direct} with the server's error for the DDL replaced by the proxy's refusal. */
  private static List<String> withTenantRefusal(List<String> direct) {
    return direct.stream().map(m -> m.startsWith("E 42501 ") ? "E " + TENANT_REFUSAL : m).toList();
  }

  private static List<Step> without(List<Step> steps, int index) {
    List<Step> rest = new ArrayList<>(steps);
    rest.remove(index);
    return rest;
  }

  private static List<String> normalized(List<Message> messages) {
    List<String> out = new ArrayList<>();
    for (Message m : messages) {
      out.add(normalize(m));
    }
    return out;
  }

  /**
   * A reply as compared: errors by SQLSTATE, message and position (the 25P02 message is left out,
   * it is the same every time), ReadyForQuery by status, CommandComplete by tag, DataRow by its
   * values.
   */
  private static String normalize(Message m) {
    return switch (m.type()) {
      case 'E' -> {
        String error = "E " + m.field('C');
        if (!"25P02".equals(m.field('C'))) {
          error += " " + m.field('M');
        }
        String position = m.field('P');
        yield position == null ? error : error + " at " + position;
      }
      case 'Z' -> "Z " + (char) m.body()[0];
      case 'C' -> "C " + new String(m.body(), 0, m.body().length - 1, StandardCharsets.UTF_8);
      case 'D' -> {
        WireClient.Body b = m.read();
        StringBuilder row = new StringBuilder("D");
        for (int columns = b.int16(), i = 0; i < columns; i++) {
          row.append(' ').append(b.value());
        }
        yield row.toString();
      }
      default -> String.valueOf(m.type());
    };
  }

  private static void empty(String logicalName, String table) throws SQLException {
    try (Connection c = service.superuser(logicalName);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + table);
    }
  }

  private static WireClient direct(String logicalName, String role) throws IOException {
    return connect(server.host(), server.port(), Transport.PLAIN, role, logicalName, PASSWORD);
  }

  private static WireClient proxied(String logicalName) throws IOException {
    return connect(
        "127.0.0.1", service.port(), Transport.TLS, service.user(), logicalName, service.secret());
  }

  private static WireClient connect(
      String host, int port, Transport transport, String user, String database, String password)
      throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", user);
    parameters.put("database", database);
    return WireClient.connect(host, port, transport, WireClient.PROTOCOL_3_0, parameters, password);
  }
}
