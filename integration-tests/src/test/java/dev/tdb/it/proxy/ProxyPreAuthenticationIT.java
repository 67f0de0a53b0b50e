/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that never authenticate, over raw sockets: impossible lengths, huge declared lengths,
 * stalled SCRAM exchanges and too many of them at once cost the proxy little and other sessions
 * nothing.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyPreAuthenticationIT {
  private static final int GIB = 1 << 30;

  /** node-postgres's Terminate queued ahead of its SSLRequest, as its connect(); end() sends. */
  private static final byte[] TERMINATE_THEN_SSL_REQUEST = {
    'X', 0, 0, 0, 4, 0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f
  };

  private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

  /** A TLS handshake record header declaring the largest length its 16-bit field can hold. */
  private static final byte[] LARGEST_TLS_RECORD_HEADER = {
    0x16, 0x03, 0x01, (byte) 0xff, (byte) 0xff
  };

  @Test
  void anImpossibleStartupPacketIsClosedWithoutAnAnswerAsPostgresDoes(TestPostgres postgres)
      throws Exception {
    try (ProxyService service = ProxyService.start(postgres)) {
      for (int port : new int[] {postgres.port(), service.port()}) {
        try (Socket socket = open(port)) {
          socket.getOutputStream().write(TERMINATE_THEN_SSL_REQUEST);
          assertThat(readAll(socket)).as("port %d", port).isEmpty();
        }
        try (Socket socket = open(port)) {
          socket.getOutputStream().write(int32(GIB));
          assertThat(readAll(socket)).as("port %d", port).isEmpty();
        }
      }
    }
  }

  @Test
  void aStalledAuthenticationIsCanceledAndASilentClientClosed(TestPostgres postgres)
      throws Exception {
    ProxyConfig.Authentication brief = new ProxyConfig.Authentication(Duration.ofMillis(500), 256);
    try (ProxyService service =
        ProxyService.start(postgres, c -> c.toBuilder().authentication(brief).build())) {
      try (Socket silent = open(service.port())) {
        assertThat(readAll(silent)).isEmpty();
      }
      try (Socket midway = open(service.port())) {
        midway.getOutputStream().write(startupMessage(service.user(), service.tenant()));
        DataInputStream in = new DataInputStream(midway.getInputStream());
        assertThat((char) in.readByte()).as("AuthenticationSASL").isEqualTo('R');
        in.skipNBytes(in.readInt() - 4);
        String rest = new String(readAll(midway), StandardCharsets.UTF_8);
        assertThat(rest)
            .startsWith("E")
            .contains("C57014\0")
            .contains("Mcanceling authentication due to timeout\0");
      }
      assertThat(currentDatabase(service)).isEqualTo(service.tenant());
    }
  }

  @Test
  void pastTheCapNewClientsGet53300AndAuthenticatedSessionsGoOn(TestPostgres postgres)
      throws Exception {
    int cap = 4;
    ProxyConfig.Authentication few = new ProxyConfig.Authentication(Duration.ofMinutes(1), cap);
    try (ProxyService service =
            ProxyService.start(postgres, c -> c.toBuilder().authentication(few).build());
        Connection authenticated = service.connect(service.tenant(), service.secret(), "")) {
      List<Socket> idle = new ArrayList<>();
      for (int i = 0; i < cap; i++) {
        Socket socket = open(service.port());
        // The proxy answers only a connection it has counted: once 'S' is back, this one holds a
        // place among the unauthenticated until it is closed or times out.
        socket.getOutputStream().write(SSL_REQUEST);
        assertThat(socket.getInputStream().read()).isEqualTo('S');
        idle.add(socket);
      }
      SQLException refused = awaitRefusal(service);
      assertThat(refused.getSQLState()).isEqualTo("53300");
      assertThat(refused.getMessage()).contains("sorry, too many clients already");
      assertThat(select1(authenticated)).isEqualTo(1);

      for (Socket socket : idle) {
        socket.close();
      }
      assertThat(awaitAdmitted(service)).isEqualTo(service.tenant());
    }
  }

  @Test
  void hugeDeclaredLengthsAreRefusedWithoutBeingBuffered(TestPostgres postgres) throws Exception {
    ByteBufAllocatorMetric memory =
        ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
    byte[] payload = new byte[4 << 20];
    try (ProxyService service = ProxyService.start(postgres)) {
      long before = memory.usedDirectMemory() + memory.usedHeapMemory();
      List<Socket> clients = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Socket startup = open(service.port());
        clients.add(startup);
        sendIgnoringReset(startup, int32(GIB), payload);
        Socket sasl = open(service.port());
        clients.add(sasl);
        sasl.getOutputStream().write(startupMessage(service.user(), service.tenant()));
        sendIgnoringReset(sasl, saslHeader(GIB - 8), payload);
        Socket tls = open(service.port());
        clients.add(tls);
        tls.getOutputStream().write(SSL_REQUEST);
        assertThat(tls.getInputStream().read()).isEqualTo('S');
        sendIgnoringReset(tls, LARGEST_TLS_RECORD_HEADER, payload);
      }
      long during = memory.usedDirectMemory() + memory.usedHeapMemory();
      // 32 clients declared 1 GiB each, 16 a TLS record of 64 KiB in their handshake, and each
      // sent 4 MiB: none of it may have been kept.
      assertThat(during - before).isLessThan(16L << 20);
      for (Socket client : clients) {
        assertThat(closedByPeer(client)).isTrue();
        client.close();
      }
      assertThat(currentDatabase(service)).isEqualTo(service.tenant());
    }
  }

  private static SQLException awaitRefusal(ProxyService service) throws Exception {
    // Admitted before every idle socket was counted: try again.
    SQLException refused =
        await("a connection refused")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> refusal(service), e -> e != null);
    assertThat(refused.getSQLState()).isEqualTo("53300");
    return refused;
  }

  private static SQLException refusal(ProxyService service) {
    try (Connection c = service.connect(service.tenant(), service.secret(), "")) {
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  private static String awaitAdmitted(ProxyService service) throws Exception {
    return await("a connection admitted")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> admittedDatabase(service), database -> database != null);
  }

  /** The database a new session is in, or null while the proxy refuses it with 53300. */
  private static String admittedDatabase(ProxyService service) throws SQLException {
    try {
      return currentDatabase(service);
    } catch (SQLException e) {
      if (!"53300".equals(e.getSQLState())) {
        throw e;
      }
      return null;
    }
  }

  private static String currentDatabase(ProxyService service) throws SQLException {
    try (Connection c = service.connect(service.tenant(), service.secret(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static int select1(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Socket open(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** Sends a header and a payload; the proxy may reset the connection while the payload goes. */
  private static void sendIgnoringReset(Socket socket, byte[] header, byte[] payload)
      throws IOException {
    socket.getOutputStream().write(header);
    try {
      socket.getOutputStream().write(payload);
    } catch (IOException reset) {
      // Expected: the proxy closed the connection on the header alone.
    }
  }

  /** Reads what the peer sends until it closes the connection. */
  private static byte[] readAll(Socket socket) throws IOException {
    return socket.getInputStream().readAllBytes();
  }

  /** True when the peer closed (end of stream or reset), after whatever it sent before. */
  private static boolean closedByPeer(Socket socket) {
    try {
      socket.getInputStream().readAllBytes();
      return true;
    } catch (IOException e) {
      return !(e instanceof java.net.SocketTimeoutException);
    }
  }

  private static byte[] startupMessage(String user, String database) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(int32(0));
    body.writeBytes(int32(196608));
    for (String s : new String[] {"user", user, "database", database}) {
      body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      body.write(0);
    }
    body.write(0);
    byte[] packet = body.toByteArray();
    System.arraycopy(int32(packet.length), 0, packet, 0, 4);
    return packet;
  }

  private static byte[] saslHeader(int length) {
    byte[] header = new byte[5];
    header[0] = 'p';
    System.arraycopy(int32(length), 0, header, 1, 4);
    return header;
  }

  private static byte[] int32(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }
}
