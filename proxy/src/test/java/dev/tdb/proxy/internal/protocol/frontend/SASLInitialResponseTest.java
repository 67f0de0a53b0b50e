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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SASLInitialResponseTest {
  /** SCRAM-SHA-256 with the client-first-message 'n,,n=,r=abc' (11 bytes). */
  @Test
  void refusesAFrameThatEndsBeforeItsDataLength() {
    assertThatThrownBy(
            () ->
                buffers.decode(
                    "70 00000012 5343 52414d2d5348412d32353600", SASLInitialResponse::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("insufficient data left in message");
  }

  private static final String CLIENT_FIRST =
      "70 00000021 5343 52414d2d5348412d32353600 0000000b 6e2c2c6e3d2c723d616263";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode(CLIENT_FIRST, SASLInitialResponse::decode))
        .isEqualTo(new SASLInitialResponse("SCRAM-SHA-256", "n,,n=,r=abc"));
  }

  @Test
  void encodesTheDocumentedBytes() {
    SASLInitialResponse response = new SASLInitialResponse("SCRAM-SHA-256", "n,,n=,r=abc");
    assertThat(buffers.hex(response.encode(buffers.alloc()))).isEqualTo(bytes(CLIENT_FIRST));
  }

  @Test
  void roundTrips() {
    SASLInitialResponse response = new SASLInitialResponse("SCRAM-SHA-256-PLUS", "p=tls,,n=,r=é");
    assertThat(buffers.decode(response.encode(buffers.alloc()), SASLInitialResponse::decode))
        .isEqualTo(response);
  }

  @Test
  void readsALengthOfMinusOneAsNoData() {
    assertThat(
            buffers.decode(
                "70 00000016 5343 52414d2d5348412d32353600 ffffffff", SASLInitialResponse::decode))
        .isEqualTo(new SASLInitialResponse("SCRAM-SHA-256", ""));
  }

  @Test
  void refusesDataLongerThanTheMessage() {
    assertThatThrownBy(
            () ->
                buffers.decode(
                    "70 00000018 5343 52414d2d5348412d32353600 0000000b 6e2c",
                    SASLInitialResponse::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("SASLInitialResponse data longer than the message");
  }

  @Test
  void refusesAMechanismWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("70 00000007 534352", SASLInitialResponse::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }
}
