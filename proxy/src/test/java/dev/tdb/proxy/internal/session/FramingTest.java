/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

final class FramingTest {
  @Test
  void passesTheWholeFramesBeforeABadOneOnBeforeFailing() {
    Framing.TypedFrames frames = Framing.typed(1024);
    frames.batched();
    EmbeddedChannel channel = new EmbeddedChannel(frames);
    ByteBuf read = Unpooled.buffer();
    read.writeByte('S').writeInt(4);
    read.writeByte('H').writeInt(4);
    read.writeByte('Q').writeInt(2);
    assertThatThrownBy(() -> channel.writeInbound(read))
        .isInstanceOf(CorruptedFrameException.class);
    ByteBuf whole = channel.readInbound();
    assertThat(whole.readableBytes()).isEqualTo(10);
    whole.release();
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }
}
