/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The proxy reaches clusters over TLS by their {@code ssl_mode}. For the duration of this class the
 * test server has {@code ssl = on} with a certificate from a CA made for the run ({@link
 * ServerSsl}), naming {@code 127.0.0.1}, the host the cluster is registered with; the admin service
 * and the proxy trust that CA. Tests that need another certificate on the server put it there after
 * the tenant is made and put the first one back afterwards.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyServerTlsIT {
  private static final String TLS_CHECK =
      "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
  private static final String TLS_FAILED = "TLS with the server of the database failed";

  private static TestPostgres server;
  private static TestCa ca;
  private static TestCa.Issued matching;
  private static Path caFile;
  private static ServerSsl ssl;

  @BeforeAll
  static void enableSsl(TestPostgres postgres) throws Exception {
    server = postgres;
    ca = TestCa.create("tdb test CA");
    caFile = Files.createTempFile("tdb-it-ca", ".crt");
    Files.writeString(caFile, ca.certificatePem());
    matching = ca.issue(postgres.host(), "localhost");
    ssl = ServerSsl.enable(postgres, matching);
  }

  @AfterAll
  static void restoreSsl() throws Exception {
    ssl.close();
    Files.delete(caFile);
  }

  @Test
  void aClusterWithSslModeRequireIsReachedOverTls() throws Exception {
    try (ProxyService service = ProxyService.startWithServerSslMode(server, "require")) {
      assertThat(tlsToServer(service)).isTrue();
    }
  }

  @Test
  void verifyCaAcceptsACertificateFromTheTrustedCa() throws Exception {
    try (ProxyService service = ProxyService.startWithServerCa(server, "verify-ca", caFile)) {
      assertThat(tlsToServer(service)).isTrue();
    }
  }

  @Test
  void verifyFullAcceptsACertificateNamingTheClusterHost() throws Exception {
    try (ProxyService service = ProxyService.startWithServerCa(server, "verify-full", caFile)) {
      assertThat(tlsToServer(service)).isTrue();
    }
  }

  @Test
  void verifyFullRefusesACertificateForAnotherHost() throws Exception {
    try (ProxyService service = ProxyService.startWithServerCa(server, "verify-full", caFile)) {
      ssl.serve(ca.issue("db.example"));
      try {
        assertThatThrownBy(() -> tlsToServer(service))
            .isInstanceOf(PSQLException.class)
            .hasMessageContaining(TLS_FAILED)
            .hasMessageContaining(server.host())
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("08001");
        // Without the host name check the same certificate is good.
        try (ProxyService verifyCa = ProxyService.startWithServerCa(server, "verify-ca", caFile)) {
          assertThat(tlsToServer(verifyCa)).isTrue();
        }
      } finally {
        ssl.serve(matching);
      }
    }
  }

  @Test
  void verifyCaRefusesACertificateFromAnUntrustedCa() throws Exception {
    try (ProxyService service = ProxyService.startWithServerCa(server, "verify-ca", caFile)) {
      ssl.serve(TestCa.create("another CA").issue(server.host(), "localhost"));
      try {
        assertThatThrownBy(() -> tlsToServer(service))
            .isInstanceOf(PSQLException.class)
            .hasMessageContaining(TLS_FAILED)
            .hasMessageContaining("PKIX path")
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("08001");
      } finally {
        ssl.serve(matching);
      }
    }
  }

  /** Whether the tenant's server session through the proxy runs over TLS. */
  private static boolean tlsToServer(ProxyService service) throws SQLException {
    try (Connection connection = service.connect(service.tenant(), service.secret(), "");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(TLS_CHECK)) {
      assertThat(rs.next()).isTrue();
      return rs.getBoolean(1);
    }
  }
}
