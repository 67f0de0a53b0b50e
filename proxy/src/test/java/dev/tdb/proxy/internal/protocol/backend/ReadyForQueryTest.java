/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ReadyForQueryTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode("5a 00000005 49", ReadyForQuery::decode))
        .isEqualTo(new ReadyForQuery(ReadyForQuery.IDLE));
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new ReadyForQuery(ReadyForQuery.IN_TRANSACTION).encode(buffers.alloc())))
        .isEqualTo("5a0000000554");
  }

  @Test
  void roundTripsEachStatus() {
    for (char status : new char[] {ReadyForQuery.IDLE, ReadyForQuery.IN_TRANSACTION, 'E'}) {
      ReadyForQuery ready = new ReadyForQuery(status);
      assertThat(buffers.decode(ready.encode(buffers.alloc()), ReadyForQuery::decode))
          .isEqualTo(ready);
    }
  }

  @Test
  void refusesAFrameWithoutItsStatus() {
    assertThatThrownBy(() -> buffers.decode("5a 00000004", ReadyForQuery::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("insufficient data left in message");
  }
}
