/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.it.proxy.WireClient.Message;
import dev.tdb.it.proxy.WireClient.Transport;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.ProxyConfig.TlsMode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * PostgreSQL 17's direct TLS ({@code sslnegotiation=direct}: the client opens with a TLS handshake
 * instead of SSLRequest) on the proxy's port, with pgjdbc and with hand-built sockets: ALPN {@code
 * postgresql} is required there and offered on the SSLRequest path, and plaintext startup packets
 * are handled as before.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyDirectTlsIT {
  private static final String HOST = "127.0.0.1";

  private static TestPostgres postgres;
  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres server) throws Exception {
    postgres = server;
    service = ProxyService.start(server);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void pgjdbcWithSslNegotiationDirectRunsQueriesOverTls() throws SQLException {
    try (Connection c = service.connect(service.tenant(), service.secret(), direct());
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO note VALUES (17, 'direct') ON CONFLICT DO NOTHING");
      try (ResultSet rs = s.executeQuery("SELECT body FROM note WHERE id = 17")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("direct");
      }
    }
  }

  @Test
  void directTlsNegotiatesAlpnPostgresqlAndThenTheStartup() throws IOException {
    try (WireClient client = wire(Transport.DIRECT_TLS)) {
      assertThat(client.applicationProtocol()).isEqualTo(WireClient.ALPN_POSTGRESQL);
      assertThat(selectOne(client)).extracting(Message::type).containsExactly('T', 'D', 'C', 'Z');
    }
  }

  @Test
  void directTlsWithoutAlpnIsClosedAfterTheHandshakeWithoutAnAnswer() throws IOException {
    try (SSLSocket tls = WireClient.handshake(new Socket(HOST, service.port()), HOST, port())) {
      assertThat(tls.getApplicationProtocol()).isEmpty();
      OutputStream out = tls.getOutputStream();
      out.write(startupMessage());
      out.flush();
      assertThat(readUntilClosed(tls)).isEmpty();
    }
  }

  @Test
  void directTlsOfferingOnlyAnotherProtocolFailsTheHandshake() throws IOException {
    try (Socket plain = new Socket(HOST, service.port())) {
      assertThatThrownBy(() -> WireClient.handshake(plain, HOST, port(), "http/1.1"))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("no_application_protocol");
    }
  }

  @Test
  void sslRequestPathNegotiatesAlpnPostgresqlWhenOffered() throws IOException {
    try (Socket plain = new Socket(HOST, service.port())) {
      OutputStream out = plain.getOutputStream();
      out.write(WireClient.int32(8));
      out.write(WireClient.int32(WireClient.SSL_REQUEST));
      out.flush();
      assertThat(plain.getInputStream().read()).isEqualTo('S');
      try (SSLSocket tls =
          WireClient.handshake(plain, HOST, port(), "http/1.1", WireClient.ALPN_POSTGRESQL)) {
        assertThat(tls.getApplicationProtocol()).isEqualTo(WireClient.ALPN_POSTGRESQL);
      }
    }
  }

  @Test
  void sslRequestPathStillAcceptsClientsWithoutAlpn() throws IOException {
    try (WireClient client = wire(Transport.TLS)) {
      assertThat(client.applicationProtocol()).isEmpty();
      assertThat(selectOne(client)).extracting(Message::type).containsExactly('T', 'D', 'C', 'Z');
    }
  }

  @Test
  void plaintextStartupIsStillServedWhenTlsIsOptional() throws IOException {
    try (WireClient client = wire(Transport.PLAIN)) {
      assertThat(client.applicationProtocol()).isNull();
      assertThat(selectOne(client)).extracting(Message::type).containsExactly('T', 'D', 'C', 'Z');
    }
  }

  @Test
  void requiredTlsCountsDirectTlsAndStillRefusesPlaintext() throws Exception {
    try (ProxyService required =
        ProxyService.start(
            postgres,
            config ->
                config.toBuilder()
                    .tls(ProxyConfig.Tls.generated(config.tls().directory(), TlsMode.REQUIRED))
                    .build())) {
      try (Connection c = required.connect(required.tenant(), required.secret(), direct());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
      assertThatThrownBy(
              () ->
                  WireClient.connect(
                      HOST,
                      required.port(),
                      Transport.PLAIN,
                      WireClient.PROTOCOL_3_0,
                      Map.of("user", required.user(), "database", required.tenant()),
                      required.secret()))
          .isInstanceOf(IOException.class)
          .hasMessage("startup refused: 28000 this tdb proxy requires TLS");
      assertThatThrownBy(
              () -> required.connect(required.tenant(), required.secret(), "?sslmode=disable"))
          .isInstanceOf(PSQLException.class)
          .hasMessageContaining("this tdb proxy requires TLS");
    }
  }

  private static String direct() {
    return "?sslNegotiation=direct";
  }

  private static int port() {
    return service.port();
  }

  private static WireClient wire(Transport transport) throws IOException {
    return WireClient.connect(
        HOST,
        service.port(),
        transport,
        WireClient.PROTOCOL_3_0,
        Map.of("user", service.user(), "database", service.tenant()),
        service.secret());
  }

  private static List<Message> selectOne(WireClient client) throws IOException {
    client.query("SELECT 1");
    client.flush();
    return client.readUntilReady();
  }

  /** A StartupMessage for the service's account and tenant. */
  private static byte[] startupMessage() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(WireClient.int32(WireClient.PROTOCOL_3_0));
    for (String text : List.of("user", service.user(), "database", service.tenant(), "")) {
      body.write(text.getBytes(StandardCharsets.UTF_8));
      body.write(0);
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.write(WireClient.int32(body.size() + 4));
    body.writeTo(message);
    return message.toByteArray();
  }

  /**
   * What the server sends until it closes the connection; a reset counts as closed, a silence of
   * ten seconds fails the test.
   */
  private static byte[] readUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        received.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the proxy kept the connection open", e);
    } catch (IOException e) {
      // The proxy closed without a close_notify the client waited for: closed all the same.
    }
    return received.toByteArray();
  }
}
