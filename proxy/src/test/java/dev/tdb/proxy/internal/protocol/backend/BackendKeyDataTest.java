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

final class BackendKeyDataTest {
  /** Process 12345, secret key 0xdeadbeef. */
  private static final String KEY = "4b 0000000c 00003039 deadbeef";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode(KEY, BackendKeyData::decode))
        .isEqualTo(new BackendKeyData(12345, 0xdeadbeef));
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new BackendKeyData(12345, 0xdeadbeef).encode(buffers.alloc())))
        .isEqualTo(bytes(KEY));
  }

  @Test
  void roundTrips() {
    BackendKeyData key = new BackendKeyData(Integer.MAX_VALUE, -1);
    assertThat(buffers.decode(key.encode(buffers.alloc()), BackendKeyData::decode)).isEqualTo(key);
  }

  @Test
  void refusesAKeyOfAnotherLengthAsProtocol32Sends() {
    String longKey = "4b 00000010 00003039 00000000 00000000";
    assertThatThrownBy(() -> buffers.decode(longKey, BackendKeyData::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("BackendKeyData with a key of 8 bytes");
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> buffers.decode("4b 00000008 00003039", BackendKeyData::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("BackendKeyData with a key of 0 bytes");
  }
}
