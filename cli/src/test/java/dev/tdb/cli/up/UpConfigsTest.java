/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.AdminConfig;
import dev.tdb.admin.AdminTls;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.admin.sources.SourcePolicy;
import dev.tdb.cli.serve.AdminServeConfig;
import dev.tdb.cli.serve.ConfigException;
import dev.tdb.proxy.ProxyConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdb up}'s options reach the admin service and the proxy through the serve configuration
 * types, with the values tdb up has always used, and errors name the option.
 */
final class UpConfigsTest {
  private static final PostgresServer POSTGRES =
      PostgresServer.external("postgresql://postgres:pg-secret@db.example:5433/postgres");
  private static final URI ADMIN = URI.create("http://127.0.0.1:7070/");

  @TempDir Path home;
  private LocalFiles files;
  private UpCommand up;

  @BeforeEach
  void defaults() {
    files = new LocalFiles(home);
    up = new UpCommand();
    up.bind = "127.0.0.1";
    up.port = 7070;
    up.proxyPort = 6543;
    up.managementPort = 0;
    up.queryLogDays = 7;
  }

  @Test
  void adminGetsTheValuesTdbUpAlwaysGaveAndTheDefaultsOfEveryOtherKey() throws IOException {
    up.importHosts = List.of("10.0.0.0/8");
    AdminServeConfig config = UpConfigs.admin(up, POSTGRES, files, Map.of());
    AdminConfig expected =
        AdminConfig.builder(
                "jdbc:postgresql://db.example:5433/" + MetadataDatabase.NAME,
                "postgres",
                "pg-secret",
                SecretKey.parse(files.secretKey()))
            .listen("127.0.0.1", 7070)
            .poolSize(8)
            .queryLogRetention(Duration.ofDays(7))
            .sourcePolicy(
                SourcePolicy.loopback().plus(List.of("db.example")).plus(List.of("10.0.0.0/8")))
            .build();
    assertThat(config.admin()).isEqualTo(expected);
    assertThat(config.admin().importFreeSpaceReserve()).isZero();
    assertThat(config.admin().clusterCa()).isEmpty();
  }

  @Test
  void aKeyStoreNeedsItsPasswordInTheEnvironment() throws IOException {
    up.tlsKeyStore = home.resolve("admin.p12");
    assertThatThrownBy(() -> UpConfigs.admin(up, POSTGRES, files, Map.of()))
        .hasMessageContaining("TDB_TLS_KEYSTORE_PASSWORD");
    AdminConfig admin =
        UpConfigs.admin(up, POSTGRES, files, Map.of("TDB_TLS_KEYSTORE_PASSWORD", "store-pw"))
            .admin();
    assertThat(admin.tls()).contains(new AdminTls(up.tlsKeyStore, "store-pw"));
  }

  @Test
  void proxyGetsTheValuesTdbUpAlwaysGaveAndTheDefaultsOfEveryOtherKey() {
    up.managementPort = 9100;
    ProxyConfig config = UpConfigs.proxy(up, ADMIN, "api-key", files).proxy();
    ProxyConfig expected =
        new ProxyConfig(
            "127.0.0.1",
            6543,
            ADMIN,
            "api-key",
            Optional.empty(),
            ProxyConfig.Tls.generated(files.proxyTlsDirectory(), ProxyConfig.TlsMode.ALLOWED),
            ProxyConfig.POSTGRES_MAX_MESSAGE_BYTES,
            ProxyConfig.QueryLog.on(),
            ProxyConfig.AdminCache.defaults(),
            Optional.empty(),
            ProxyConfig.Authentication.defaults(),
            ProxyConfig.DEFAULT_ADMIN_TIMEOUT,
            ProxyConfig.Management.on("127.0.0.1", 9100),
            ProxyConfig.Pool.defaults());
    assertThat(config).isEqualTo(expected);
  }

  @Test
  void aValueOutOfRangeIsRefusedNamingTheOption() {
    up.queryLogDays = 0;
    assertThatThrownBy(() -> UpConfigs.admin(up, POSTGRES, files, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("query_log.retention (--query-log-days) must be from 1m to 3650d, got 0d")
        .extracting(e -> ((ConfigException) e).hint())
        .isEqualTo("correct --query-log-days");
    up.proxyPort = 70_000;
    assertThatThrownBy(() -> UpConfigs.proxy(up, ADMIN, "api-key", files))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listen.port (--proxy-port) must be from 0 to 65535, got 70000");
  }
}
