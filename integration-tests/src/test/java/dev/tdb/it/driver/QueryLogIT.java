/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.settings.Setting;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The driver's query log ({@code queryLog=true}): one JSON line per statement. */
@ExtendWith(PostgresExtension.class)
final class QueryLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TdbService tdb;
  private static String tenant;

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    tenant =
        tdb.createTenant(tdb.createBlueprint("qlog"), "acme", "CREATE TABLE items (name text)");
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @BeforeEach
  void listen() {
    appender.start();
    ((Logger) LoggerFactory.getLogger("dev.tdb.query")).addAppender(appender);
  }

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger("dev.tdb.query")).detachAppender(appender);
  }

  @Test
  void logsSuccessesWithRowsButNeverParameters() throws Exception {
    try (Connection connection = DriverManager.getConnection(tdb.url(tenant) + "&queryLog=true");
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO items (name) VALUES (?)")) {
      insert.setString(1, "card-4111-1111");
      insert.executeUpdate();
      insert.setString(1, "second");
      insert.executeUpdate();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT name FROM items")) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    }

    List<JsonNode> events = events();
    assertThat(events).hasSize(3);
    JsonNode insert = events.get(0);
    assertThat(insert.get("account").asText()).isEqualTo(tdb.user());
    assertThat(insert.get("database").asText()).isEqualTo(tenant);
    assertThat(insert.get("tenant").asText()).isEqualTo("acme");
    assertThat(insert.get("kind").asText()).isEqualTo("WRITE");
    assertThat(insert.get("rows").asLong()).isEqualTo(1);
    assertThat(insert.get("sqlstate").isNull()).isTrue();
    assertThat(insert.get("sql").asText()).isEqualTo("INSERT INTO items (name) VALUES (?)");
    assertThat(insert.get("duration_ms").asDouble()).isPositive();
    assertThat(insert.get("client").asText()).isNotEmpty();
    assertThat(insert.get("time").asText()).endsWith("Z");
    JsonNode select = events.get(2);
    assertThat(select.get("kind").asText()).isEqualTo("READ");
    assertThat(select.get("rows").asLong()).isEqualTo(2);
    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(line -> line.contains("card-4111"));
  }

  @Test
  void logsARefusalThatNeverReachedTheServerAndAServerError() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(tdb.url(tenant) + "&queryLog=true&queryLogSqlLength=16");
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("DROP TABLE items CASCADE"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
      assertThatThrownBy(() -> statement.executeQuery("SELECT 1 / 0 AS broken"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22012");
    }

    List<JsonNode> events = events();
    assertThat(events).hasSize(2);
    JsonNode refused = events.get(0);
    assertThat(refused.get("kind").asText()).isEqualTo("DDL");
    assertThat(refused.get("sqlstate").asText()).isEqualTo("42501");
    assertThat(refused.get("rows").isNull()).isTrue();
    assertThat(refused.get("sql").asText()).isEqualTo("DROP TABLE items...");
    JsonNode failed = events.get(1);
    assertThat(failed.get("kind").asText()).isEqualTo("READ");
    assertThat(failed.get("sqlstate").asText()).isEqualTo("22012");
    assertThat(failed.get("sql").asText()).isEqualTo("SELECT 1 / 0 AS ...");
  }

  @Test
  void logsABatchAsOneEventAndRowsOfExecuteWhenTheyAreRead() throws Exception {
    try (Connection connection = DriverManager.getConnection(tdb.url(tenant) + "&queryLog=true");
        Statement statement = connection.createStatement()) {
      statement.addBatch("INSERT INTO items VALUES ('b1'), ('b2')");
      statement.addBatch("UPDATE items SET name = 'b3' WHERE name = 'b2'");
      statement.executeBatch();
      assertThat(statement.execute("SELECT name FROM items WHERE name LIKE 'b%'")).isTrue();
      try (ResultSet rs = statement.getResultSet()) {
        assertThat(rs.next()).isTrue();
      }
      statement.executeUpdate("DELETE FROM items WHERE name LIKE 'b%'");
    }

    List<JsonNode> events = events();
    assertThat(events)
        .extracting(e -> e.get("kind").asText() + " " + e.get("rows").asText())
        .containsExactly("WRITE 3", "READ 1", "WRITE 2");
    assertThat(events.get(0).get("sql").asText())
        .isEqualTo(
            "INSERT INTO items VALUES ('b1'), ('b2');\n"
                + "UPDATE items SET name = 'b3' WHERE name = 'b2'");
  }

  @Test
  void logsTheRowCapRefusalOfAResultReadTooFar() throws Exception {
    String blueprint = tdb.createBlueprint("qcap");
    String capped = tdb.createTenant(blueprint, "acme", "CREATE TABLE items (name text)");
    tdb.updateSettings(blueprint, Map.of(Setting.MAX_ROWS_PER_QUERY.key(), 1));
    try (Connection superuser = tdb.superuser(capped);
        Statement statement = superuser.createStatement()) {
      statement.execute("INSERT INTO items VALUES ('one'), ('two')");
    }
    try (Connection connection = DriverManager.getConnection(tdb.url(capped) + "&queryLog=true");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT name FROM items")) {
      assertThat(rs.next()).isTrue();
      assertThatThrownBy(rs::next)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("54000");
    }

    assertThat(events())
        .extracting(e -> e.get("sqlstate").asText() + " " + e.get("rows").isNull())
        .containsExactly("54000 true");
  }

  @Test
  void isOffByDefault() throws SQLException {
    try (Connection connection = DriverManager.getConnection(tdb.url(tenant));
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1").close();
    }
    assertThat(appender.list).isEmpty();
  }

  private List<JsonNode> events() throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      events.add(JSON.readTree(event.getFormattedMessage()));
    }
    return events;
  }
}
