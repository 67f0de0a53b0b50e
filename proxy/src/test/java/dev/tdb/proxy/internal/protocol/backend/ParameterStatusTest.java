/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import static dev.tdb.proxy.internal.protocol.Buffers.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ParameterStatusTest {
  /** TimeZone is UTC. */
  private static final String TIME_ZONE = "53 00000011 54696d655a6f6e6500 55544300";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode(TIME_ZONE, ParameterStatus::decode))
        .isEqualTo(new ParameterStatus("TimeZone", "UTC"));
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new ParameterStatus("TimeZone", "UTC").encode(buffers.alloc())))
        .isEqualTo(bytes(TIME_ZONE));
  }

  @Test
  void roundTrips() {
    ParameterStatus status = new ParameterStatus("application_name", "café");
    assertThat(buffers.decode(status.encode(buffers.alloc()), ParameterStatus::decode))
        .isEqualTo(status);
  }

  @Test
  void refusesAValueWithoutItsTerminatingNul() {
    assertThatThrownBy(
            () -> buffers.decode("53 00000010 54696d655a6f6e6500 555443", ParameterStatus::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }
}
