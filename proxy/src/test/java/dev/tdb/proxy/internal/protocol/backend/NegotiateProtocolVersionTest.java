/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import static dev.tdb.proxy.internal.protocol.Buffers.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NegotiateProtocolVersion is only sent: the proxy speaks 3.0 to servers and never gets one. */
final class NegotiateProtocolVersionTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void encodesTheDocumentedBytes() {
    // Version 3.0, one option not recognized: _pq_.compression.
    NegotiateProtocolVersion negotiation =
        new NegotiateProtocolVersion(Wire.PROTOCOL_3_0, List.of("_pq_.compression"));
    assertThat(buffers.hex(negotiation.encode(buffers.alloc())))
        .isEqualTo(bytes("76 0000001d 00030000 00000001 5f70715f2e636f6d7072657373696f6e00"));
  }

  @Test
  void answersANewerMinorVersionOrProtocolOptionsOnly() {
    assertThat(NegotiateProtocolVersion.answering(0, List.of())).isNull();
    assertThat(NegotiateProtocolVersion.answering(2, List.of()))
        .isEqualTo(new NegotiateProtocolVersion(Wire.PROTOCOL_3_0, List.of()));
    assertThat(NegotiateProtocolVersion.answering(0, List.of("_pq_.compression")))
        .isEqualTo(new NegotiateProtocolVersion(Wire.PROTOCOL_3_0, List.of("_pq_.compression")));
  }

  @Test
  void encodesAnAnswerWithoutOptions() {
    NegotiateProtocolVersion negotiation = NegotiateProtocolVersion.answering(2, List.of());
    assertThat(buffers.hex(negotiation.encode(buffers.alloc())))
        .isEqualTo(bytes("76 0000000c 00030000 00000000"));
  }
}
