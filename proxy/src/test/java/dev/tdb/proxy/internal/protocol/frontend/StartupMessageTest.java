/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static dev.tdb.proxy.internal.protocol.Buffers.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class StartupMessageTest {
  /** Length 33, protocol 3.0, user alice, database app, the closing NUL. */
  private static final String ALICE_APP =
      "00000021 00030000 7573657200 616c69636500 646174616261736500 61707000 00";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    StartupMessage message = (StartupMessage) buffers.decode(ALICE_APP, StartupPacket::decode);
    assertThat(message.minorVersion()).isZero();
    assertThat(message.parameters())
        .containsExactly(Map.entry("user", "alice"), Map.entry("database", "app"));
    assertThat(message.parameter("user")).isEqualTo("alice");
    assertThat(message.protocolOptions()).isEmpty();
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new StartupMessage(aliceApp()).encode(buffers.alloc())))
        .isEqualTo(bytes(ALICE_APP));
  }

  @Test
  void roundTripsItsParametersInOrder() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", "tdb_0123abcd");
    parameters.put("application_name", "psql é");
    parameters.put("options", "-c search_path=app");
    StartupMessage message = new StartupMessage(parameters);
    assertThat(buffers.decode(message.encode(buffers.alloc()), StartupPacket::decode))
        .isEqualTo(message);
  }

  @Test
  void keepsANewerMinorVersionAndItsProtocolOptions() {
    // Protocol 3.2 with _pq_.compression=on: negotiated down to 3.0, the option refused.
    String frame = "00000024 00030002 7573657200 7500 5f70715f2e636f6d7072657373696f6e00 6f6e00 00";
    StartupMessage message = (StartupMessage) buffers.decode(frame, StartupPacket::decode);
    assertThat(message.minorVersion()).isEqualTo(2);
    assertThat(message.protocolOptions()).containsExactly("_pq_.compression");
  }

  @Test
  void refusesAParameterListWithoutItsClosingNul() {
    assertThatThrownBy(() -> buffers.decode("0000000c 00030000 7500 7600", StartupPacket::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("StartupMessage without terminating NUL");
  }

  @Test
  void refusesAValueWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("0000000b 00030000 7500 76", StartupPacket::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }

  @Test
  void refusesAnotherMajorVersion() {
    assertThatThrownBy(() -> buffers.decode("00000008 00020000", StartupPacket::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("unsupported frontend protocol 2.0: the proxy speaks 3.0");
  }

  private static Map<String, String> aliceApp() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", "alice");
    parameters.put("database", "app");
    return parameters;
  }

  @Test
  void listsNoProtocolOptionWhenNoneWasAskedFor() {
    assertThat(new StartupMessage(Map.of("user", "u", "_pq_x", "1")).protocolOptions())
        .isEqualTo(List.of());
  }
}
