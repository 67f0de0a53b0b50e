/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Close is only decoded: the proxy forwards the client's frame. */
final class CloseTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytesOfAStatement() {
    assertThat(buffers.decode("43 00000008 53 733100", Close::decode))
        .isEqualTo(new Close(Close.STATEMENT, "s1"));
  }

  @Test
  void decodesTheDocumentedBytesOfTheUnnamedPortal() {
    assertThat(buffers.decode("43 00000006 50 00", Close::decode))
        .isEqualTo(new Close(Close.PORTAL, ""));
  }

  @Test
  void refusesANameWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("43 00000007 53 7331", Close::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }

  @Test
  void refusesAFrameThatEndsBeforeItsTarget() {
    assertThatThrownBy(() -> buffers.decode("43 00000004", Close::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("insufficient data left in message");
  }
}
