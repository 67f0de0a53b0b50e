/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parse is only decoded: the proxy forwards the client's frame, never one of its own. */
final class ParseTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytesUpToTheText() {
    // Parse "s1" of 'SELECT $1' with one parameter of type int4 (OID 23).
    String frame = "50 00000017 733100 53454c45435420243100 0001 00000017";
    assertThat(buffers.decode(frame, ParseTest::decode)).isEqualTo(new Parse("s1", "SELECT $1"));
  }

  @Test
  void decodesTheUnnamedStatementInTheSessionsCharset() {
    String frame = "50 0000000b 00 27e92700 0000";
    assertThat(buffers.decode(frame, ParseTest::decodeLatin1)).isEqualTo(new Parse("", "'é'"));
  }

  @Test
  void refusesANameWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("50 00000006 7331", ParseTest::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }

  @Test
  void refusesTextWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("50 00000008 00 53454c", ParseTest::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }

  private static Parse decode(ByteBuf frame) {
    return Parse.decode(frame);
  }

  private static Parse decodeLatin1(ByteBuf frame) {
    return Parse.decode(frame, StandardCharsets.ISO_8859_1);
  }
}
