/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ProxyConfigTest {
  private static final URI ADMIN = URI.create("http://127.0.0.1:7070");
  private static final Path TLS = Path.of("/tmp/tdb-proxy-tls");

  @Test
  void toBuilderKeepsEveryValue() {
    ProxyConfig config =
        ProxyConfig.builder("0.0.0.0", 6432, ADMIN, "tdbk_x", TLS)
            .maxMessageBytes(4096)
            .queryLog(ProxyConfig.QueryLog.on())
            .adminCache(
                new ProxyConfig.AdminCache(
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(3)))
            .serverCa(Path.of("/etc/tdb/ca.pem"))
            .authentication(new ProxyConfig.Authentication(Duration.ofSeconds(9), 17))
            .adminTimeout(Duration.ofSeconds(4))
            .management(ProxyConfig.Management.on("127.0.0.1", 9187))
            .pool(new ProxyConfig.Pool(50, Duration.ofSeconds(5), Duration.ofMinutes(1), 100))
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.toBuilder().serverCa(null).build().serverCa()).isEmpty();
    assertThat(config.toBuilder().adminTimeout(Duration.ofSeconds(5)).build()).isNotEqualTo(config);
  }

  @Test
  void ofIsTheBuildersDefaults() {
    assertThat(ProxyConfig.of("127.0.0.1", 0, ADMIN, "tdbk_x", TLS))
        .isEqualTo(ProxyConfig.builder("127.0.0.1", 0, ADMIN, "tdbk_x", TLS).build());
  }

  @Test
  void refusesInvalidValues() {
    assertThatThrownBy(() -> ProxyConfig.builder("127.0.0.1", 70000, ADMIN, "tdbk_x", TLS).build())
        .hasMessageContaining("port");
    assertThatThrownBy(
            () ->
                ProxyConfig.builder("127.0.0.1", 0, ADMIN, "tdbk_x", TLS)
                    .maxMessageBytes(10)
                    .build())
        .hasMessageContaining("maxMessageBytes");
    assertThatThrownBy(
            () ->
                ProxyConfig.builder("127.0.0.1", 0, ADMIN, "tdbk_x", TLS)
                    .adminTimeout(Duration.ZERO)
                    .build())
        .hasMessageContaining("adminTimeout");
  }
}
