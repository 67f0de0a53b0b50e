/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.Policy;
import dev.tdb.it.proxy.WireClient.Message;
import dev.tdb.it.proxy.WireClient.Transport;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same hand-built message sequences sent straight to PostgreSQL, as a role with the tenant
 * runtime role's rights, and through the proxy as the account: the replies must match message by
 * message, except what legitimately differs (BackendKeyData, values of ParameterStatus at startup,
 * process ids in notifications).
 */
@ExtendWith(PostgresExtension.class)
final class ProxyProtocolIT {
  private static final String DIRECT_PASSWORD = "direct-" + System.nanoTime();

  private static ProxyService service;
  private static TestPostgres server;
  private static String directRole;

  /** One exchange with a connected client; returns what it read, normalized. */
  private interface Exchange {
    List<String> run(WireClient client) throws IOException, SQLException;
  }

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    server = postgres;
    service = ProxyService.start(postgres);
    directRole = service.createDirectRole(service.tenant(), DIRECT_PASSWORD);
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
  void startsUpWithTheSameParameterNamesAndReadyForQuery() throws Exception {
    try (WireClient direct = direct();
        WireClient proxied = proxied()) {
      assertThat(startupShape(proxied)).isEqualTo(startupShape(direct));
      assertThat(types(proxied.startupMessages())).contains("K").endsWith("Z I");
    }
  }

  @Test
  void pipelinesNamedAndUnnamedStatementsAndPortalsBeforeOneSync() throws Exception {
    List<String> replies =
        assertSameReplies(
            c -> {
              c.parse("s1", "SELECT $1::int + 1 AS answer")
                  .bind("p1", "s1", "41")
                  .describe('P', "p1")
                  .execute("p1", 0)
                  .parse("", "INSERT INTO note VALUES ($1, $2)")
                  .bind("", "", "1", "one")
                  .execute("", 0)
                  .bind("", "", "2", null)
                  .execute("", 0)
                  .parse("rows", "SELECT g FROM generate_series(1, 5) g")
                  .bind("cursor", "rows")
                  .execute("cursor", 2)
                  .execute("cursor", 2)
                  .execute("cursor", 2)
                  .describe('S', "s1")
                  .parse("", "SELECT id, body FROM note ORDER BY id")
                  .bind("", "")
                  .describe('P', "")
                  .execute("", 0)
                  .closeObject('S', "s1")
                  .closeObject('P', "p1")
                  .describe('S', "s1")
                  .sync()
                  .flush();
              return normalized(c.readThrough('Z'));
            });
    assertThat(replies)
        .contains("s ", "C SELECT 2\0", "3 ")
        .endsWith("E ERROR 26000 prepared statement \"s1\" does not exist", "Z I");
  }

  @Test
  void appliesTheStartupSettingsLibpqSendsAsPostgresDoes() throws Exception {
    // What PGTZ=Asia/Tokyo PGDATESTYLE='SQL, DMY' PGOPTIONS='-c lock_timeout=1234' make libpq send.
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("timezone", "Asia/Tokyo");
    settings.put("datestyle", "SQL, DMY");
    settings.put("options", "-c lock_timeout=1234");
    List<List<String>> replies = new ArrayList<>();
    for (boolean proxied : List.of(false, true)) {
      try (WireClient c =
          proxied
              ? proxied(WireClient.PROTOCOL_3_0, settings)
              : direct(WireClient.PROTOCOL_3_0, settings)) {
        c.query("SHOW TimeZone; SHOW DateStyle; SHOW lock_timeout").flush();
        replies.add(normalized(c.readUntilReady()));
      }
    }
    assertThat(replies.get(1))
        .as("through the proxy, against PostgreSQL directly")
        .isEqualTo(replies.get(0));
    assertThat(String.join("|", replies.get(1)))
        .contains("Asia/Tokyo")
        .contains("SQL, DMY")
        .contains("1234ms");
  }

  @Test
  void answersUpToAFlushWithoutASyncThenFinishesAtSync() throws Exception {
    List<String> replies =
        assertSameReplies(
            c -> {
              c.parse("", "SELECT 'flushed'").bind("", "").execute("", 0).flushMessage().flush();
              List<String> seen = normalized(c.readThrough('C'));
              c.sync().flush();
              seen.addAll(normalized(c.readUntilReady()));
              return seen;
            });
    assertThat(replies).containsExactly("1 ", "2 ", "D \0\1\0\0\0\7flushed", "C SELECT 1\0", "Z I");
  }

  @Test
  void skipsToSyncAfterAnErrorInAPipelineAndRecovers() throws Exception {
    List<String> replies =
        assertSameReplies(
            c -> {
              c.query("BEGIN")
                  .parse("", "INSERT INTO note VALUES (1, 'kept?')")
                  .bind("", "")
                  .execute("", 0)
                  .parse("", "SELECT 1 / $1::int")
                  .bind("", "", "0")
                  .execute("", 0)
                  .parse("", "SELECT 'skipped'")
                  .bind("", "")
                  .execute("", 0)
                  .sync()
                  .query("SELECT 'refused while failed'")
                  .query("ROLLBACK")
                  .parse("", "SELECT count(*) FROM note")
                  .bind("", "")
                  .execute("", 0)
                  .sync()
                  .flush();
              List<String> seen = new ArrayList<>();
              for (int i = 0; i < 5; i++) {
                seen.addAll(normalized(c.readUntilReady()));
              }
              return seen;
            });
    assertThat(replies).contains("E ERROR 22012 division by zero", "Z E").endsWith("Z I");
  }

  @Test
  void showsARefusedDdlInThePipelinesPlaceAsPostgresShowsAnErrorThere() throws Exception {
    List<String> direct;
    try (WireClient c = direct()) {
      direct = refusalPipeline(c, "SELECT * FROM no_such_table");
    }
    List<String> proxied;
    try (WireClient c = proxied()) {
      proxied = refusalPipeline(c, "CREATE TABLE evil (id int)");
    }
    String refusal = "E ERROR 42501 " + Policy.TENANT_DDL_MESSAGE;
    assertThat(proxied).contains(refusal);
    assertThat(proxied)
        .isEqualTo(direct.stream().map(m -> m.startsWith("E ") ? refusal : m).toList());
  }

  @Test
  void showsPipelinedRefusalsInTheirPlacesAfterAnEarlierQueryFailed() throws Exception {
    List<String> direct;
    try (WireClient c = direct()) {
      direct = failingQueries(c, "SELECT * FROM no_such_table");
    }
    List<String> proxied;
    try (WireClient c = proxied()) {
      proxied = failingQueries(c, "CREATE TABLE evil (id int)");
    }
    String refusal = "E ERROR 42501 " + Policy.TENANT_DDL_MESSAGE;
    assertThat(proxied).contains("E ERROR 22012 division by zero", refusal);
    assertThat(proxied)
        .isEqualTo(direct.stream().map(m -> m.startsWith("E ERROR 42P01") ? refusal : m).toList());
  }

  /** A failing Query, then {@code failing} twice and a last Query, sent before any answer. */
  private static List<String> failingQueries(WireClient c, String failing) throws IOException {
    c.query("SELECT 1 / 0").query(failing).query(failing).query("SELECT 'after'").flush();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.addAll(normalized(c.readUntilReady()));
    }
    return seen;
  }

  private static List<String> refusalPipeline(WireClient c, String failing) throws IOException {
    c.parse("", "INSERT INTO note VALUES (7, 'before')")
        .bind("", "")
        .execute("", 0)
        .parse("", failing)
        .bind("", "")
        .execute("", 0)
        .parse("", "INSERT INTO note VALUES (8, 'skipped')")
        .bind("", "")
        .execute("", 0)
        .sync()
        .query("SELECT count(*) FROM note")
        .flush();
    List<String> seen = normalized(c.readUntilReady());
    seen.addAll(normalized(c.readUntilReady()));
    return seen;
  }

  @Test
  void copiesIntoATenantTableFromStdinAndOutToStdout() throws Exception {
    List<String> replies =
        assertSameReplies(
            c -> {
              c.query("COPY note FROM STDIN").flush();
              List<String> seen = normalized(c.readThrough('G'));
              c.copyData("1\tone\n").copyData("2\ttwo\n").copyDone().flush();
              seen.addAll(normalized(c.readUntilReady()));
              c.query("COPY note TO STDOUT").flush();
              seen.addAll(normalized(c.readUntilReady()));
              return seen;
            });
    assertThat(replies).contains("C COPY 2\0", "d 1\tone\n", "d 2\ttwo\n");
  }

  @Test
  void deliversANotificationToAListenerWithoutARequest() throws Exception {
    List<String> direct = listenAndNotify(ProxyProtocolIT::direct);
    List<String> proxied = listenAndNotify(ProxyProtocolIT::proxied);
    assertThat(direct).contains("A tdb_wire hello");
    assertThat(proxied).isEqualTo(direct);
  }

  private interface Connector {
    WireClient open() throws IOException;
  }

  private static List<String> listenAndNotify(Connector connector) throws IOException {
    try (WireClient listener = connector.open();
        WireClient notifier = connector.open()) {
      listener.query("LISTEN tdb_wire").flush();
      List<String> seen = normalized(listener.readUntilReady());
      notifier.query("NOTIFY tdb_wire, 'hello'").flush();
      seen.addAll(normalized(notifier.readUntilReady()));
      listener.setReadTimeout(10_000);
      seen.addAll(normalized(List.of(listener.read())));
      return seen;
    }
  }

  @Test
  void relaysNoticesAndParameterStatusChanges() throws Exception {
    List<String> replies =
        assertSameReplies(
            c -> {
              c.query("ROLLBACK").query("SET application_name = 'wire protocol test'").flush();
              List<String> seen = normalized(c.readUntilReady());
              seen.addAll(normalized(c.readUntilReady()));
              return seen;
            });
    assertThat(replies)
        .contains(
            "N WARNING 25P01 there is no transaction in progress",
            "S application_name\0wire protocol test\0");
  }

  @Test
  void endsTheConnectionOnTerminate() throws Exception {
    List<String> replies =
        assertSameReplies(
            c -> {
              c.terminate().flush();
              return List.of(c.atEndOfStream() ? "closed" : "still open");
            });
    assertThat(replies).containsExactly("closed");
  }

  @Test
  void carriesA64MibBindParameterBothWays() throws Exception {
    byte[] big = new byte[64 << 20];
    Arrays.fill(big, (byte) 'x');
    List<String> replies =
        assertSameReplies(
            c -> {
              c.parse("", "SELECT length($1), md5($1)")
                  .bindBytes("", "", big)
                  .execute("", 0)
                  .sync()
                  .flush();
              List<String> seen = normalized(c.readUntilReady());
              c.query("SELECT repeat('y', " + (64 << 20) + ")").flush();
              List<Message> echoed = c.readUntilReady();
              seen.add(normalize(echoed.get(0)));
              seen.add(echoed.get(1).type() + " " + echoed.get(1).body().length);
              seen.addAll(normalized(echoed.subList(2, echoed.size())));
              return seen;
            });
    // The echoed DataRow: column count, value length, then 64 MiB.
    assertThat(replies).contains("D " + (2 + 4 + (64 << 20)));
  }

  @Test
  void negotiatesAnUnknownProtocolOptionAsPostgresDoes() throws Exception {
    Map<String, String> withOption = new LinkedHashMap<>();
    withOption.put("_pq_.tdb_unknown", "1");
    List<String> direct;
    try (WireClient c = direct(WireClient.PROTOCOL_3_0, withOption)) {
      direct = negotiation(c);
    }
    List<String> proxied;
    try (WireClient c = proxied(WireClient.PROTOCOL_3_0, withOption)) {
      proxied = negotiation(c);
    }
    assertThat(proxied).isEqualTo(direct);
  }

  @Test
  void negotiatesProtocol32Down() throws Exception {
    int protocol32 = (3 << 16) | 2;
    List<String> direct;
    try (WireClient c = direct(protocol32, Map.of())) {
      direct = negotiation(c);
    }
    List<String> proxied;
    try (WireClient c = proxied(protocol32, Map.of())) {
      proxied = negotiation(c);
    }
    assertThat(proxied).isEqualTo(direct);
  }

  private static List<String> negotiation(WireClient c) throws IOException {
    List<String> seen = new ArrayList<>();
    for (Message m : c.startupMessages()) {
      if (m.type() == 'v') {
        WireClient.Body b = m.read();
        StringBuilder text = new StringBuilder("v version " + Integer.toHexString(b.int32()));
        int options = b.int32();
        for (int i = 0; i < options; i++) {
          text.append(' ').append(b.cstring());
        }
        seen.add(text.toString());
      }
    }
    c.query("SELECT 1").flush();
    seen.addAll(normalized(c.readUntilReady()));
    return seen;
  }

  /** Runs {@code exchange} directly and through the proxy; returns the (equal) replies. */
  private static List<String> assertSameReplies(Exchange exchange) throws Exception {
    List<String> direct;
    try (WireClient c = direct()) {
      direct = exchange.run(c);
    }
    emptyTable();
    List<String> proxied;
    try (WireClient c = proxied()) {
      proxied = exchange.run(c);
    }
    assertThat(proxied).as("through the proxy, against PostgreSQL directly").isEqualTo(direct);
    return proxied;
  }

  private static void emptyTable() throws SQLException {
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM note");
    }
  }

  private static WireClient direct() throws IOException {
    return direct(WireClient.PROTOCOL_3_0, Map.of());
  }

  private static WireClient direct(int protocol, Map<String, String> extra) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", directRole);
    parameters.put("database", service.tenant());
    parameters.putAll(extra);
    return WireClient.connect(
        server.host(), server.port(), Transport.PLAIN, protocol, parameters, DIRECT_PASSWORD);
  }

  private static WireClient proxied() throws IOException {
    return proxied(WireClient.PROTOCOL_3_0, Map.of());
  }

  private static WireClient proxied(int protocol, Map<String, String> extra) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", service.user());
    parameters.put("database", service.tenant());
    parameters.putAll(extra);
    return WireClient.connect(
        "127.0.0.1", service.port(), Transport.TLS, protocol, parameters, service.secret());
  }

  /** Startup replies with what legitimately differs left out: values and the key data. */
  private static List<String> startupShape(WireClient c) {
    List<String> shape = new ArrayList<>();
    TreeSet<String> parameters = new TreeSet<>();
    for (Message m : c.startupMessages()) {
      if (m.type() == 'S') {
        parameters.add(m.read().cstring());
      } else if (m.type() != 'K') {
        shape.add(normalize(m));
      }
    }
    shape.add("parameters " + parameters);
    return shape;
  }

  private static List<String> types(List<Message> messages) {
    return normalized(messages).stream().map(s -> s.length() > 3 ? s.substring(0, 3) : s).toList();
  }

  private static List<String> normalized(List<Message> messages) {
    List<String> out = new ArrayList<>();
    for (Message m : messages) {
      out.add(normalize(m));
    }
    return out;
  }

  /** A message as compared: type and fields, without values that differ between connections. */
  private static String normalize(Message m) {
    return switch (m.type()) {
      case 'E', 'N' -> m.type() + " " + m.field('V') + " " + m.field('C') + " " + m.field('M');
      case 'K' -> "K";
      case 'A' -> {
        WireClient.Body b = m.read();
        b.int32();
        yield "A " + b.cstring() + " " + b.cstring();
      }
      case 'Z' -> "Z " + (char) m.body()[0];
      default -> m.type() + " " + new String(m.body(), StandardCharsets.UTF_8);
    };
  }
}
