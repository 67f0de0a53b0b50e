/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.it.proxy.WireClient.Message;
import dev.tdb.it.proxy.WireClient.Transport;
import dev.tdb.proxy.internal.tls.ProxyTls;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TLS records the proxy writes to clients are no larger than PostgreSQL's own (8 KiB of data,
 * {@link ProxyTls#RECORD_DATA_SIZE}): psycopg 3.1 reading {@code COPY … TO STDOUT} waits forever on
 * records of 16 KiB, which PostgreSQL never writes for small messages. Each test reads the same
 * result from the test server over its own TLS (on for this class, {@link ServerSsl}) and through
 * the proxy; {@link TlsRecordRelay}s measure the records. psycopg connects without a relay, which
 * would cut the records into its own reads and hide the hang.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyTlsRecordsIT {
  private static final Path SCRIPTS = Path.of("src/test/python");
  private static final String PYTHON = "/usr/bin/python3";
  private static final String COPY =
      "COPY (SELECT repeat('x', 100) FROM generate_series(1, 100000)) TO STDOUT";
  private static final int ROWS = 100_000;

  /** What TLS lets a record grow by beyond its data (RFC 8446, section 5.2). */
  private static final int RECORD_EXPANSION = 256;

  private static TestPostgres postgres;
  private static ServerSsl ssl;
  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres server) throws Exception {
    postgres = server;
    ssl = ServerSsl.enable(server, TestCa.create("tdb test CA").issue(server.host()));
    service = ProxyService.start(server);
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    ssl.close();
  }

  @Test
  void psycopgCopiesTenMegabytesThroughTheTlsUrlAsDirectly() throws Exception {
    Assumptions.assumeTrue(
        ClientProcess.succeeds(SCRIPTS, List.of(PYTHON, "-c", "import psycopg")),
        "psycopg is not installed for " + PYTHON + ": apt-get install python3-psycopg");
    JsonNode directly =
        copy(
            "postgresql://"
                + postgres.superuser()
                + ":"
                + postgres.password()
                + "@"
                + postgres.host()
                + ":"
                + postgres.port()
                + "/"
                + service.tenant()
                + "?sslmode=require");
    JsonNode throughProxy = copy(service.url(service.tenant()));

    assertThat(directly.get("rows").asInt()).isEqualTo(ROWS);
    assertThat(throughProxy).isEqualTo(directly);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"TLS", "DIRECT_TLS"})
  void recordsAreNoLargerThanPostgresqls(Transport transport) throws IOException {
    try (TlsRecordRelay direct = TlsRecordRelay.to(postgres.host(), postgres.port());
        TlsRecordRelay proxy = TlsRecordRelay.to("127.0.0.1", service.port())) {
      List<Message> directly = copy(direct, transport, postgres.superuser(), postgres.password());
      List<Message> throughProxy = copy(proxy, transport, service.user(), service.secret());

      assertThat(directly).hasSize(ROWS + 4);
      assertThat(throughProxy).extracting(Message::type).isEqualTo(types(directly));
      // The ciphers add different amounts (OpenSSL 17 bytes, the JDK's engine 33): both stay
      // within what TLS lets a record of 8 KiB grow by. ProxyTlsTest checks the data exactly.
      assertThat(List.of(direct.largestRecord(), proxy.largestRecord()))
          .allMatch(length -> length <= ProxyTls.RECORD_DATA_SIZE + RECORD_EXPANSION);
    }
  }

  /** Runs the psycopg COPY script on {@code url}, bounded so that a hang fails the test. */
  private static JsonNode copy(String url) throws Exception {
    return ClientProcess.run(
            SCRIPTS,
            Map.of("TDB_COPY_URL", url),
            List.of(PYTHON, "psycopg_copy.py"),
            Duration.ofSeconds(60))
        .json();
  }

  /** The messages of the COPY, read with a hand-built client through {@code relay}. */
  private static List<Message> copy(
      TlsRecordRelay relay, Transport transport, String user, String password) throws IOException {
    try (WireClient client =
        WireClient.connect(
            "127.0.0.1",
            relay.port(),
            transport,
            WireClient.PROTOCOL_3_0,
            Map.of("user", user, "database", service.tenant()),
            password)) {
      client.query(COPY).flush();
      return client.readUntilReady();
    }
  }

  private static List<Character> types(List<Message> messages) {
    return messages.stream().map(Message::type).toList();
  }
}
