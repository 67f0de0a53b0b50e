/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.ClientEncoding;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.SqlSplitter;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.core.sql.StringEscapes;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential fuzzing of statement boundaries: random and mutated SQL texts are split by core and
 * by PostgreSQL itself, in sessions with {@code standard_conforming_strings} on and off and client
 * encodings UTF8, LATIN1 and EUC_JP. Each text is sent as one simple-protocol Query over a raw
 * socket ({@link WireClient}, since pgjdbc always speaks UTF8) in bytes of the session's encoding;
 * core reads those bytes as the proxy does ({@link ClientEncoding#decoding}). Every statement is a
 * SELECT of literals, so every statement the server runs answers one row. When the server runs the
 * text, core must find as many statements as the server ran, none malformed and each a READ, and
 * each of core's statements sent alone must give the row the server gave for it. When the server
 * refuses the text, the statements it ran before the error are compared the same way.
 *
 * <p>Seeded ({@code -Dtdb.fuzz.seed=N}, printed at the start) and bounded in time ({@code
 * -Dtdb.fuzz.seconds=N}, 12 by default); a minimum of texts the server ran keeps it from passing
 * vacuously.
 */
@ExtendWith(PostgresExtension.class)
final class StatementBoundaryFuzzIT {
  private static final int MIN_ACCEPTED_PER_SESSION = 200;

  /** One session kind: how the server reads the text's strings and bytes. */
  private record Session(
      String encoding, Charset charset, String[] multibyte, StringEscapes escapes) {
    String name() {
      return encoding
          + "/standard_conforming_strings="
          + (escapes == StringEscapes.STANDARD ? "on" : "off");
    }
  }

  /** What the server answered to one Query: the rows of the statements it ran, and its error. */
  private record Answer(List<List<byte[]>> rows, String errorCode, String errorMessage) {
    boolean accepted() {
      return errorCode == null;
    }
  }

  private static final List<Session> SESSIONS = new ArrayList<>();
  private static final Map<Session, WireClient> CLIENTS = new HashMap<>();
  private static TestPostgres server;
  private static String database;

  @BeforeAll
  static void connect(TestPostgres postgres) throws Exception {
    server = postgres;
    database = postgres.createDatabase("boundary_fuzz");
    String[] utf8 = {"表", "é", "😀", "ß", "ソ"};
    String[] latin1 = {"é", "ÿ", "¥", "Ä", "ß"};
    String[] eucJp = {"表", "能", "ソ", "日本", "ー"};
    for (StringEscapes escapes : StringEscapes.values()) {
      SESSIONS.add(new Session("UTF8", Charset.forName("UTF-8"), utf8, escapes));
      SESSIONS.add(new Session("LATIN1", Charset.forName("ISO-8859-1"), latin1, escapes));
      SESSIONS.add(new Session("EUC_JP", Charset.forName("EUC-JP"), eucJp, escapes));
    }
    for (Session session : SESSIONS) {
      CLIENTS.put(session, open(session));
    }
  }

  private static WireClient open(Session session) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", server.superuser());
    parameters.put("database", database);
    parameters.put("client_encoding", session.encoding());
    parameters.put(
        "standard_conforming_strings", session.escapes() == StringEscapes.STANDARD ? "on" : "off");
    parameters.put("escape_string_warning", "off");
    return WireClient.connect(
        server.host(),
        server.port(),
        WireClient.Transport.PLAIN,
        WireClient.PROTOCOL_3_0,
        parameters,
        server.password());
  }

  @AfterAll
  static void close() throws Exception {
    for (WireClient client : CLIENTS.values()) {
      client.close();
    }
    if (database != null) {
      server.dropDatabase(database);
    }
  }

  @Test
  void coreSplitsEveryTextWhereThePostgresServerDoes() throws IOException {
    long seed = Long.getLong("tdb.fuzz.seed", System.nanoTime());
    long seconds = Long.getLong("tdb.fuzz.seconds", 12);
    System.out.println(
        "StatementBoundaryFuzzIT: seed "
            + seed
            + " (-Dtdb.fuzz.seed="
            + seed
            + "), "
            + seconds
            + " s");
    FuzzText generator = new FuzzText(new Random(seed));
    Map<Session, Integer> accepted = new HashMap<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    int texts = 0;
    while (System.nanoTime() < deadline) {
      String template = generator.next();
      texts++;
      for (Session session : SESSIONS) {
        String text = FuzzText.withMultibyte(template, session.multibyte());
        if (check(session, text, seed, texts)) {
          accepted.merge(session, 1, Integer::sum);
        }
      }
    }
    StringBuilder counts = new StringBuilder();
    for (Session session : SESSIONS) {
      counts.append(' ').append(session.name()).append('=').append(accepted.get(session));
    }
    System.out.println(
        "StatementBoundaryFuzzIT: " + texts + " texts; run by the server in" + counts);
    for (Session session : SESSIONS) {
      assertThat(accepted.getOrDefault(session, 0))
          .as("texts the server ran in %s (seed %d)", session.name(), seed)
          .isGreaterThanOrEqualTo(MIN_ACCEPTED_PER_SESSION);
    }
  }

  /** Checks one text in one session; true when the server ran all of it. */
  private boolean check(Session session, String text, long seed, int number) throws IOException {
    byte[] bytes = text.getBytes(session.charset());
    String asCoreReadsIt = new String(bytes, ClientEncoding.decoding(session.encoding()));
    List<SqlSplitter.Statement> core = new ArrayList<>();
    for (SqlSplitter.Statement statement : SqlSplitter.split(asCoreReadsIt, session.escapes())) {
      if (statement.textEnd() > statement.textStart()) {
        core.add(statement);
      }
    }
    // Whatever the text, classifying it must not throw: the proxy classifies before it sends.
    List<StatementKind> kinds = new ArrayList<>();
    for (ClassifiedStatement statement :
        SqlClassifier.classifyUncached(asCoreReadsIt, session.escapes()).statements()) {
      if (statement.kind() != StatementKind.EMPTY) {
        kinds.add(statement.kind());
      }
    }
    Answer whole = run(session, bytes);
    String context =
        "text #" + number + " in " + session.name() + " (seed " + seed + "):\n" + text + "\n";
    assertThat(kinds.subList(0, Math.min(kinds.size(), whole.rows().size())))
        .as("kinds of the SELECTs the server ran, in " + context)
        .allMatch(kind -> kind == StatementKind.READ);
    if (whole.accepted()) {
      assertThat(core).as("core's statements of " + context).hasSize(whole.rows().size());
      assertThat(core)
          .as("malformed statements in " + context)
          .noneMatch(SqlSplitter.Statement::malformed);
    } else if (whole.rows().size() > core.size()) {
      fail(
          "the server ran more statements than core found before its error ("
              + whole.errorMessage()
              + ") in "
              + context);
    }
    for (int i = 0; i < whole.rows().size(); i++) {
      SqlSplitter.Statement statement = core.get(i);
      String alone = asCoreReadsIt.substring(statement.textStart(), statement.textEnd());
      Answer single = run(session, alone.getBytes(ClientEncoding.decoding(session.encoding())));
      if (!single.accepted() || single.rows().size() != 1) {
        fail(
            "core's statement "
                + (i + 1)
                + " alone, "
                + alone
                + ", ran as "
                + single.rows().size()
                + " statements ("
                + single.errorMessage()
                + ") in "
                + context);
      }
      assertThat(single.rows().get(0))
          .as("row of statement %d, %s, alone and in %s", i + 1, alone, context)
          .usingElementComparator(Arrays::compare)
          .containsExactlyElementsOf(whole.rows().get(i));
    }
    return whole.accepted();
  }

  /** Sends {@code sql} as one Query and reads the answer through ReadyForQuery. */
  private static Answer run(Session session, byte[] sql) throws IOException {
    WireClient client = CLIENTS.get(session);
    ByteArrayOutputStream body = new ByteArrayOutputStream(sql.length + 1);
    body.writeBytes(sql);
    body.write(0);
    client.send('Q', body.toByteArray()).flush();
    List<List<byte[]>> rows = new ArrayList<>();
    List<byte[]> row = null;
    String code = null;
    String message = null;
    for (WireClient.Message m : client.readUntilReady()) {
      switch (m.type()) {
        case 'D' -> row = dataRow(m);
        case 'C' -> {
          rows.add(row == null ? List.of() : row);
          row = null;
        }
        case 'E' -> {
          code = m.field('C');
          message = m.field('M');
        }
        default -> {}
      }
    }
    return new Answer(rows, code, message);
  }

  /** A DataRow's values as bytes, null for SQL NULL. */
  private static List<byte[]> dataRow(WireClient.Message m) {
    byte[] body = m.body();
    int columns = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    List<byte[]> values = new ArrayList<>(columns);
    int at = 2;
    for (int c = 0; c < columns; c++) {
      int length =
          ((body[at] & 0xff) << 24)
              | ((body[at + 1] & 0xff) << 16)
              | ((body[at + 2] & 0xff) << 8)
              | (body[at + 3] & 0xff);
      at += 4;
      values.add(length < 0 ? null : Arrays.copyOfRange(body, at, at + length));
      at += Math.max(length, 0);
    }
    return values;
  }
}
