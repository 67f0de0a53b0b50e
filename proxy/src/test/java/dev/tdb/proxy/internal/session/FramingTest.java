/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tdb.proxy.internal.protocol.frontend.InvalidStartupPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame limits: decided from the length alone, nothing buffered for it. */
final class FramingTest {

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 4, 7, 10_001, 1 << 30, Integer.MAX_VALUE})
  void refusesAStartupPacketOfAnImpossibleLengthAsSoonAsTheLengthArrives(int length) {
    EmbeddedChannel channel = new EmbeddedChannel(Framing.startup());
    Throwable failure =
        catchThrowable(() -> channel.writeInbound(Unpooled.buffer(4).writeInt(length)));
    assertThat(failure)
        .isInstanceOf(DecoderException.class)
        .hasCauseInstanceOf(InvalidStartupPacketException.class)
        .hasMessageContaining("invalid length of startup packet");
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 9_999, 10_000})
  void passesAStartupPacketOfEightToTenThousandBytes(int length) {
    EmbeddedChannel channel = new EmbeddedChannel(Framing.startup());
    ByteBuf packet = Unpooled.buffer(length).writeInt(length).writeZero(length - 4);
    channel.writeInbound(packet.retainedSlice(0, length - 1));
    assertThat((Object) channel.readInbound()).isNull();
    channel.writeInbound(packet.retainedSlice(length - 1, 1));
    ByteBuf frame = channel.readInbound();
    try {
      assertThat(frame.readableBytes()).isEqualTo(length);
    } finally {
      frame.release();
      packet.release();
    }
    assertThat(channel.finish()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {65_536, 1 << 30, Integer.MAX_VALUE})
  void refusesAnAuthenticationMessageOverTheLimitFromItsHeaderAlone(int length) {
    EmbeddedChannel channel = new EmbeddedChannel(Framing.typed(Framing.MAX_AUTHENTICATION_BYTES));
    Throwable failure =
        catchThrowable(
            () -> channel.writeInbound(Unpooled.buffer(5).writeByte('p').writeInt(length)));
    assertThat(failure).isInstanceOf(TooLongFrameException.class);
    channel.finishAndReleaseAll();
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 65_535})
  void passesAnAuthenticationMessageWithinTheLimit(int length) {
    EmbeddedChannel channel = new EmbeddedChannel(Framing.typed(Framing.MAX_AUTHENTICATION_BYTES));
    channel.writeInbound(
        Unpooled.buffer(1 + length).writeByte('p').writeInt(length).writeZero(length - 4));
    ByteBuf frame = channel.readInbound();
    try {
      assertThat(frame.readableBytes()).isEqualTo(1 + length);
    } finally {
      frame.release();
    }
    assertThat(channel.finish()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {65_536, 1 << 20})
  void aRaisedLimitPassesLargerMessages(int length) {
    Framing.TypedFrames frames = Framing.typed(Framing.MAX_AUTHENTICATION_BYTES);
    frames.limit(1 << 24);
    EmbeddedChannel channel = new EmbeddedChannel(frames);
    channel.writeInbound(
        Unpooled.buffer(1 + length).writeByte('Q').writeInt(length).writeZero(length - 4));
    ByteBuf frame = channel.readInbound();
    try {
      assertThat(frame.readableBytes()).isEqualTo(1 + length);
    } finally {
      frame.release();
    }
    assertThat(channel.finish()).isFalse();
  }

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
