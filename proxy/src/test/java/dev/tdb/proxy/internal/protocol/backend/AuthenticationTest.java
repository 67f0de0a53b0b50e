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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The authentication requests, one type byte 'R' told apart by their code. */
final class AuthenticationTest {
  @Test
  void refusesAFrameThatEndsBeforeItsCode() {
    assertThatThrownBy(() -> buffers.decode("52 00000006 0000", Authentication::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("insufficient data left in message");
  }

  private static final String OK = "52 00000008 00000000";

  /** AuthenticationSASL offering SCRAM-SHA-256, the list closed by an empty name. */
  private static final String SASL = "52 00000017 0000000a 534352414d2d5348412d32353600 00";

  /** AuthenticationSASLContinue with the server-first-message 'r=abc'. */
  private static final String SASL_CONTINUE = "52 0000000d 0000000b 723d616263";

  /** AuthenticationSASLFinal with the server-final-message 'v=xyz'. */
  private static final String SASL_FINAL = "52 0000000d 0000000c 763d78797a";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void okDecodesAndEncodesTheDocumentedBytes() {
    assertThat(buffers.decode(OK, Authentication::decode)).isSameAs(AuthenticationOk.INSTANCE);
    assertThat(buffers.hex(AuthenticationOk.INSTANCE.encode(buffers.alloc()))).isEqualTo(bytes(OK));
  }

  @Test
  void saslDecodesAndEncodesTheDocumentedBytes() {
    AuthenticationSASL sasl = new AuthenticationSASL(List.of("SCRAM-SHA-256"));
    assertThat(buffers.decode(SASL, Authentication::decode)).isEqualTo(sasl);
    assertThat(buffers.hex(sasl.encode(buffers.alloc()))).isEqualTo(bytes(SASL));
  }

  @Test
  void saslRoundTripsSeveralMechanismsInOrder() {
    AuthenticationSASL sasl =
        new AuthenticationSASL(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"));
    assertThat(buffers.decode(sasl.encode(buffers.alloc()), Authentication::decode))
        .isEqualTo(sasl);
  }

  @Test
  void saslRefusesAMechanismWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("52 0000000b 0000000a 534352", Authentication::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }

  @Test
  void saslContinueDecodesAndEncodesTheDocumentedBytes() {
    AuthenticationSASLContinue challenge = new AuthenticationSASLContinue("r=abc");
    assertThat(buffers.decode(SASL_CONTINUE, Authentication::decode)).isEqualTo(challenge);
    assertThat(buffers.hex(challenge.encode(buffers.alloc()))).isEqualTo(bytes(SASL_CONTINUE));
  }

  @Test
  void saslContinueRoundTrips() {
    AuthenticationSASLContinue challenge =
        new AuthenticationSASLContinue("r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096");
    assertThat(buffers.decode(challenge.encode(buffers.alloc()), Authentication::decode))
        .isEqualTo(challenge);
  }

  @Test
  void saslFinalDecodesAndEncodesTheDocumentedBytes() {
    AuthenticationSASLFinal outcome = new AuthenticationSASLFinal("v=xyz");
    assertThat(buffers.decode(SASL_FINAL, Authentication::decode)).isEqualTo(outcome);
    assertThat(buffers.hex(outcome.encode(buffers.alloc()))).isEqualTo(bytes(SASL_FINAL));
  }

  @Test
  void saslFinalRoundTrips() {
    AuthenticationSASLFinal outcome = new AuthenticationSASLFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    assertThat(buffers.decode(outcome.encode(buffers.alloc()), Authentication::decode))
        .isEqualTo(outcome);
  }

  @Test
  void aMethodTheProxyDoesNotSpeakIsUnsupportedWithItsCode() {
    // AuthenticationMD5Password: code 5 and a 4-byte salt.
    assertThat(buffers.decode("52 0000000c 00000005 01020304", Authentication::decode))
        .isEqualTo(new Authentication.Unsupported(5));
  }
}
