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
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class QueryTest {
  /** Query 'SELECT 1': type Q, length 13, the text and its NUL. */
  private static final String SELECT_1 = "51 0000000d 53454c4543542031 00";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode(SELECT_1, QueryTest::decode)).isEqualTo(new Query("SELECT 1"));
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new Query("SELECT 1").encode(buffers.alloc())))
        .isEqualTo(bytes(SELECT_1));
  }

  @Test
  void roundTripsUtf8Text() {
    Query query = new Query("SELECT 'é', 1; SELECT 2");
    assertThat(buffers.decode(query.encode(buffers.alloc()), QueryTest::decode)).isEqualTo(query);
  }

  @Test
  void decodesTextInTheSessionsCharset() {
    // 'é' is one byte, e9, in LATIN1.
    assertThat(buffers.decode("51 00000008 27e927 00", QueryTest::decodeLatin1))
        .isEqualTo(new Query("'é'"));
  }

  @Test
  void refusesTextWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("51 0000000c 53454c4543542031", QueryTest::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }

  private static Query decode(ByteBuf frame) {
    return Query.decode(frame);
  }

  private static Query decodeLatin1(ByteBuf frame) {
    return Query.decode(frame, StandardCharsets.ISO_8859_1);
  }
}
