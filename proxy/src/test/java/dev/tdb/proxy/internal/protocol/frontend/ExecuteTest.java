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

final class ExecuteTest {
  /** Execute of the unnamed portal, all rows. */
  @Test
  void refusesAFrameThatEndsBeforeItsRowCount() {
    assertThatThrownBy(() -> buffers.decode("45 00000005 00", Execute::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("insufficient data left in message");
    assertThatThrownBy(() -> buffers.decode("45 00000007 00 0000", Execute::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("insufficient data left in message");
  }

  private static final String UNNAMED_ALL_ROWS = "45 00000009 00 00000000";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode(UNNAMED_ALL_ROWS, Execute::decode)).isEqualTo(new Execute("", 0));
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new Execute("", 0).encode(buffers.alloc())))
        .isEqualTo(bytes(UNNAMED_ALL_ROWS));
  }

  @Test
  void roundTripsANamedPortalAndARowCount() {
    Execute execute = new Execute("p1", 10);
    assertThat(buffers.decode(execute.encode(buffers.alloc()), Execute::decode)).isEqualTo(execute);
  }

  @Test
  void refusesAPortalNameWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("45 00000006 7031", Execute::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }
}
