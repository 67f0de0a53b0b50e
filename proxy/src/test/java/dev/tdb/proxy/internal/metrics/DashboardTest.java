/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.internal.pool.ServerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard of the proxy queries exactly the series the proxy exports. */
final class DashboardTest {
  private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "tdb-proxy.json");
  private static final Pattern METRIC = Pattern.compile("\\btdb_[a-z0-9_]+");

  @Test
  void everyQueriedMetricIsExportedAndEveryExportedOneIsShown() throws IOException {
    Set<String> queried = queried(new ObjectMapper().readTree(DASHBOARD.toFile()));
    String scrape = everyMeter().scrape();
    Set<String> series = new TreeSet<>();
    Set<String> families = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      } else if (!line.startsWith("#") && !line.isBlank()) {
        series.add(line.substring(0, line.indexOf(line.contains("{") ? '{' : ' ')));
      }
    }

    assertThat(queried).isNotEmpty();
    assertThat(series).containsAll(queried);
    for (String family : families) {
      assertThat(queried).as("a panel shows " + family).anyMatch(q -> q.startsWith(family));
    }
  }

  /** Meters with every series registered, as a proxy has them once it served traffic. */
  private static ProxyMetrics everyMeter() {
    ProxyMetrics metrics = TestMetrics.create();
    StatementMeter meter = TestMetrics.meter(metrics, "app_workspace");
    metrics.clientOpened("app_workspace", "acme");
    metrics.serverOpened("app_workspace", "acme");
    metrics.tlsHandshake(true);
    meter.refused(StatementType.QUERY, "42501");
    meter.query();
    meter.ready();
    meter.received(1);
    metrics.watch(new ServerPool(ProxyConfig.Pool.defaults(), metrics::poolWaited));
    metrics.poolWaited(Duration.ofMillis(3));
    return metrics;
  }

  /** Every {@code tdb_…} name in the dashboard's text values (queries and variables). */
  private static Set<String> queried(JsonNode node) {
    Set<String> names = new TreeSet<>();
    if (node.isTextual()) {
      Matcher matcher = METRIC.matcher(node.asText());
      while (matcher.find()) {
        names.add(matcher.group());
      }
    }
    node.forEach(child -> names.addAll(queried(child)));
    return names;
  }
}
