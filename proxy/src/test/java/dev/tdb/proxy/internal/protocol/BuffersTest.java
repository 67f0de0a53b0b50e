/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

final class BuffersTest {
  @Test
  void failsWhenABufferIsStillHeldAfterTheTest() {
    Buffers buffers = new Buffers();
    ByteBuf leaked = buffers.alloc().buffer().writeByte(1);
    ByteBuf released = buffers.frame("51 00000004");
    released.release();

    assertThatThrownBy(() -> buffers.afterEach(null))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("buffers not released");
    leaked.release();
  }

  @Test
  void passesWhenEveryBufferWasReleasedAlsoByAFailingDecode() {
    Buffers buffers = new Buffers();
    assertThat(buffers.hex(buffers.frame("5a 00000005 49"))).isEqualTo("5a0000000549");
    assertThatThrownBy(
            () ->
                buffers.decode(
                    "00",
                    frame -> {
                      throw new ProtocolException("bad");
                    }))
        .isInstanceOf(ProtocolException.class);

    buffers.afterEach(null);
  }
}
