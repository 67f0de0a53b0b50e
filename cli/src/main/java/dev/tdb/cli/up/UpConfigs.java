/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import static dev.tdb.cli.serve.AdminServeConfig.HTTP_BIND;
import static dev.tdb.cli.serve.AdminServeConfig.HTTP_PORT;
import static dev.tdb.cli.serve.AdminServeConfig.HTTP_TLS_KEYSTORE;
import static dev.tdb.cli.serve.AdminServeConfig.HTTP_TLS_KEYSTORE_PASSWORD;
import static dev.tdb.cli.serve.AdminServeConfig.IMPORTS_ALLOWED_HOSTS;
import static dev.tdb.cli.serve.AdminServeConfig.METADATA_PASSWORD;
import static dev.tdb.cli.serve.AdminServeConfig.METADATA_URL;
import static dev.tdb.cli.serve.AdminServeConfig.METADATA_USER;
import static dev.tdb.cli.serve.AdminServeConfig.QUERY_LOG_RETENTION;
import static dev.tdb.cli.serve.AdminServeConfig.SECRET_KEY;
import static dev.tdb.cli.serve.ProxyServeConfig.ADMIN_API_KEY;
import static dev.tdb.cli.serve.ProxyServeConfig.ADMIN_URL;
import static dev.tdb.cli.serve.ProxyServeConfig.LISTEN_HOST;
import static dev.tdb.cli.serve.ProxyServeConfig.LISTEN_PORT;
import static dev.tdb.cli.serve.ProxyServeConfig.MANAGEMENT_ENABLED;
import static dev.tdb.cli.serve.ProxyServeConfig.MANAGEMENT_HOST;
import static dev.tdb.cli.serve.ProxyServeConfig.MANAGEMENT_PORT;
import static dev.tdb.cli.serve.ProxyServeConfig.QUERY_LOG_ENABLED;
import static dev.tdb.cli.serve.ProxyServeConfig.TLS_DIRECTORY;
import static dev.tdb.cli.serve.ProxyServeConfig.TLS_MODE;

import dev.tdb.admin.sources.SourcePolicy;
import dev.tdb.cli.serve.AdminServeConfig;
import dev.tdb.cli.serve.GivenValues;
import dev.tdb.cli.serve.ProxyServeConfig;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The configurations of the admin service and the proxy that {@code tdb up} runs: its options and
 * local files given as values of the keys of {@code tdb admin serve} and {@code tdb proxy serve},
 * checked by the same code as their files. Every key tdb up does not set keeps the default of the
 * reference (docs/operations.md).
 */
final class UpConfigs {
  /** The variable that holds the password of {@code --tls-keystore}. */
  static final String KEYSTORE_PASSWORD_VARIABLE = "TDB_TLS_KEYSTORE_PASSWORD";

  private static final String POSTGRES = "the PostgreSQL server of tdb up";

  private UpConfigs() {}

  /**
   * The admin service's configuration.
   *
   * @param env the environment, for {@value #KEYSTORE_PASSWORD_VARIABLE}
   * @throws IllegalArgumentException when {@code --tls-keystore} is given without its password
   * @throws dev.tdb.cli.serve.ConfigException naming the option whose value is out of range
   */
  static AdminServeConfig admin(
      UpCommand up, PostgresServer postgres, LocalFiles files, Map<String, String> env)
      throws IOException {
    List<String> importHosts =
        SourcePolicy.loopback().plus(List.of(postgres.host())).plus(up.importHosts).allowedHosts();
    GivenValues values =
        GivenValues.none()
            .with(METADATA_URL, postgres.jdbcUrl(MetadataDatabase.NAME), POSTGRES)
            .with(METADATA_USER, postgres.superuser(), POSTGRES)
            .with(METADATA_PASSWORD, postgres.password(), POSTGRES)
            .with(SECRET_KEY, files.secretKey(), files.secretKeyFile().toString())
            .with(HTTP_BIND, up.bind, "--bind")
            .with(HTTP_PORT, Integer.toString(up.port), "--port")
            .with(QUERY_LOG_RETENTION, up.queryLogDays + "d", "--query-log-days")
            .with(IMPORTS_ALLOWED_HOSTS, importHosts, "--import-host");
    if (up.tlsKeyStore != null) {
      String password = env.get(KEYSTORE_PASSWORD_VARIABLE);
      if (password == null) {
        throw new IllegalArgumentException(
            "--tls-keystore needs the key store's password in " + KEYSTORE_PASSWORD_VARIABLE);
      }
      values =
          values
              .with(HTTP_TLS_KEYSTORE, up.tlsKeyStore.toString(), "--tls-keystore")
              .with(HTTP_TLS_KEYSTORE_PASSWORD, password, KEYSTORE_PASSWORD_VARIABLE);
    }
    return AdminServeConfig.given(values);
  }

  /**
   * The proxy's configuration: TLS allowed with a certificate of a local CA kept in the tdb home,
   * the query log on, the management port on the admin API's address.
   *
   * @param admin the base URI of the admin service tdb up started
   * @param apiKey the API key the proxy authenticates to it with
   * @throws dev.tdb.cli.serve.ConfigException naming the option whose value is out of range
   */
  static ProxyServeConfig proxy(UpCommand up, URI admin, String apiKey, LocalFiles files) {
    GivenValues values =
        GivenValues.none()
            .with(LISTEN_HOST, up.bind, "--bind")
            .with(LISTEN_PORT, Integer.toString(up.proxyPort), "--proxy-port")
            .with(ADMIN_URL, admin.toString(), "the admin service of tdb up")
            .with(ADMIN_API_KEY, apiKey, files.proxyApiKeyFile().toString())
            .with(TLS_MODE, "allowed", "tdb up")
            .with(TLS_DIRECTORY, files.proxyTlsDirectory().toString(), "tdb up")
            .with(QUERY_LOG_ENABLED, "true", "tdb up")
            .with(MANAGEMENT_ENABLED, "true", "tdb up")
            .with(MANAGEMENT_HOST, up.bind, "--bind")
            .with(MANAGEMENT_PORT, Integer.toString(up.managementPort), "--management-port");
    return ProxyServeConfig.given(values);
  }
}
