/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.routing.RoutingClient;
import io.micrometer.core.instrument.Gauge;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ConnectionsTest {
  private final ProxyMetrics metrics =
      new ProxyMetrics(
          2, () -> new RoutingClient.Statistics(0, 0, 0, 0, Optional.empty()), () -> 0);

  @Test
  void tenantsAreTaggedUpToTheLimit() {
    Runnable acme = metrics.clientOpened("app_workspace", "acme");
    metrics.clientOpened("app_workspace", "acme");
    metrics.serverOpened("app_workspace", "globex");
    metrics.clientOpened("app_workspace", "");

    assertThat(clients("acme")).isEqualTo(2);
    assertThat(clients("")).isEqualTo(1);
    acme.run();
    assertThat(clients("acme")).isEqualTo(1);
    assertThat(
            metrics
                .registry()
                .get(ProxyMetrics.SERVER_CONNECTIONS)
                .tags("workspace", "app_workspace", "tenant", "globex")
                .gauge()
                .value())
        .isEqualTo(1);
  }

  @Test
  void pastTheLimitTenantTagsAreDroppedForOneSumPerWorkspace() {
    metrics.clientOpened("app_workspace", "acme");
    metrics.clientOpened("app_workspace", "globex");
    Runnable initech = metrics.clientOpened("app_workspace", "initech");
    metrics.clientOpened("app_workspace", "");

    assertThat(
            metrics.registry().find(ProxyMetrics.CLIENT_CONNECTIONS).tag("tenant", "acme").gauge())
        .isNull();
    assertThat(clients(Connections.ALL_TENANTS)).isEqualTo(3);
    assertThat(clients("")).isEqualTo(1);
    initech.run();
    metrics.clientOpened("app_workspace", "umbrella");
    assertThat(clients(Connections.ALL_TENANTS)).isEqualTo(3);
    assertThat(metrics.registry().find(ProxyMetrics.CLIENT_CONNECTIONS).gauges()).hasSize(2);
  }

  private double clients(String tenant) {
    Gauge gauge =
        metrics
            .registry()
            .get(ProxyMetrics.CLIENT_CONNECTIONS)
            .tags("workspace", "app_workspace", "tenant", tenant)
            .gauge();
    return gauge.value();
  }
}
