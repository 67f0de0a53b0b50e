/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy's query log across an outage of the admin service: events of statements run while it
 * was down are posted again until it is back, then show in {@code tdb tenants logs}, none twice,
 * and the JSON-lines file holds each of them once.
 */
@ExtendWith(PostgresExtension.class)
final class QueryLogOutageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DURING_OUTAGE = 5;

  @Test
  void eventsFromWhileTheAdminServiceWasDownArriveOnceItIsBack(TestPostgres postgres)
      throws Exception {
    Path logFile = Files.createTempFile("tdb-query-log", ".jsonl");
    try (ProxyService service =
        ProxyService.start(
            postgres,
            config ->
                config.toBuilder()
                    .queryLog(
                        ProxyConfig.QueryLog.on()
                            .withFile(logFile)
                            .withFlushInterval(Duration.ofMillis(100)))
                    .build())) {
      // The per-statement log is opt-in per workspace, literals too.
      service.updateSettings(Map.of("query_log", "all", "query_log_literals", true));
      run(service, "SELECT 'before the outage'");
      awaitLogged(service, "SELECT 'before the outage'");

      service.stopAdmin();
      for (int i = 1; i <= DURING_OUTAGE; i++) {
        run(service, "SELECT 'during the outage " + i + "'");
      }
      // Several flush intervals and failed posts; nothing may be given up meanwhile.
      Thread.sleep(2000);
      assertThat(service.proxy().queryLogDropped()).isZero();
      service.restartAdmin();

      List<String> logged =
          awaitLogged(service, "SELECT 'during the outage " + DURING_OUTAGE + "'");
      String lines = Files.readString(logFile);
      for (int i = 1; i <= DURING_OUTAGE; i++) {
        String sql = "SELECT 'during the outage " + i + "'";
        assertThat(logged).as("logged by the admin service").containsOnlyOnce(sql);
        assertThat(lines).as("the JSON-lines file").containsOnlyOnce("\"sql\":\"" + sql);
      }
      assertThat(logged).containsOnlyOnce("SELECT 'before the outage'");
      assertThat(service.proxy().queryLogDropped()).isZero();
    } finally {
      Files.deleteIfExists(logFile);
    }
  }

  private static void run(ProxyService service, String sql) throws SQLException {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The SQL of every event the admin service holds for the tenant, once {@code sql} is there. */
  private static List<String> awaitLogged(ProxyService service, String sql) throws Exception {
    return await("\"" + sql + "\" logged")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> logged(service), logged -> logged.contains(sql));
  }

  private static List<String> logged(ProxyService service) {
    String out = service.tdb("tenants", "logs", service.tenant(), "--json");
    List<String> sql = new ArrayList<>();
    try {
      for (JsonNode event : JSON.readTree(out).path("items")) {
        sql.add(event.path("sql").asText());
      }
    } catch (IOException e) {
      throw new AssertionError("tdb tenants logs printed no JSON: " + out, e);
    }
    return sql;
  }
}
