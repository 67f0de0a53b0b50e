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

/** Bind is only decoded, and only as far as its names. */
final class BindTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheNamesOfTheDocumentedBytes() {
    // Portal "p1" of statement "s1": no format codes, one text value "1", no result formats.
    String frame = "42 00000015 703100 733100 0000 0001 00000001 31 0000";
    assertThat(buffers.decode(frame, Bind::decode)).isEqualTo(new Bind("p1", "s1"));
  }

  @Test
  void decodesTheUnnamedPortalAndStatement() {
    assertThat(buffers.decode("42 0000000a 00 00 0000 0000", Bind::decode))
        .isEqualTo(new Bind("", ""));
  }

  @Test
  void refusesAStatementNameWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("42 00000009 703100 7331", Bind::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }
}
