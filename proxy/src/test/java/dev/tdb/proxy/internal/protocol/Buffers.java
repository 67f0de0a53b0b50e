/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The buffers of a codec test: every one comes from here, and after each test every one must have
 * been released (reference count 0), so a decode or encode that leaks, or a test that forgets a
 * release, fails the test that did it. Register it with {@code @RegisterExtension}.
 */
public final class Buffers implements AfterEachCallback {
  private final List<ByteBuf> allocated = new ArrayList<>();
  private final ByteBufAllocator alloc = new Tracking();

  /** The allocator to encode with: it keeps every buffer it hands out. */
  public ByteBufAllocator alloc() {
    return alloc;
  }

  /**
   * A buffer holding the bytes of {@code hex}, written in groups for the reader ({@code "51
   * 0000000d"}); the caller releases it.
   */
  public ByteBuf frame(String hex) {
    byte[] bytes = ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    return alloc.buffer(bytes.length).writeBytes(bytes);
  }

  /**
   * Decodes the bytes of {@code hex} with {@code decoder}, releasing the frame even if it throws.
   */
  public <T> T decode(String hex, Function<ByteBuf, T> decoder) {
    return decode(frame(hex), decoder);
  }

  /** Decodes {@code frame} with {@code decoder} and releases the frame, even if it throws. */
  public <T> T decode(ByteBuf frame, Function<ByteBuf, T> decoder) {
    try {
      return decoder.apply(frame);
    } finally {
      frame.release();
    }
  }

  /** The readable bytes of {@code encoded} as lowercase hex, releasing it. */
  public String hex(ByteBuf encoded) {
    try {
      return ByteBufUtil.hexDump(encoded);
    } finally {
      encoded.release();
    }
  }

  /** {@code hex} without its grouping spaces, to compare with {@link #hex(ByteBuf)}. */
  public static String bytes(String hex) {
    return hex.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<ByteBuf> held = allocated.stream().filter(buffer -> buffer.refCnt() != 0).toList();
    allocated.clear();
    assertThat(held).as("buffers not released").isEmpty();
  }

  /** Unpooled heap buffers, each one remembered. */
  private final class Tracking extends AbstractByteBufAllocator {
    Tracking() {
      super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      ByteBuf buffer = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
      allocated.add(buffer);
      return buffer;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }
}
