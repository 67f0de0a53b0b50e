/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reading and writing the wire protocol's basic types; buffers are neither retained nor released.
 */
public final class Wire {
  /**
   * Protocol version 3.0, the one the proxy speaks, as StartupMessage and NegotiateProtocolVersion
   * send it.
   */
  public static final int PROTOCOL_3_0 = 196608;

  /** Bytes of a typed frame's header: the type byte and the length. */
  public static final int HEADER_BYTES = 5;

  private Wire() {}

  /**
   * Reads a NUL-terminated UTF-8 string at the reader index and moves past the NUL.
   *
   * @throws ProtocolException when there is no NUL before the end of the buffer
   */
  public static String readCString(ByteBuf in) {
    return readCString(in, StandardCharsets.UTF_8);
  }

  /**
   * Reads a NUL-terminated string in {@code charset} at the reader index and moves past the NUL.
   *
   * @throws ProtocolException when there is no NUL before the end of the buffer
   */
  public static String readCString(ByteBuf in, Charset charset) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolException("string without terminating NUL");
    }
    String text = in.toString(in.readerIndex(), end - in.readerIndex(), charset);
    in.readerIndex(end + 1);
    return text;
  }

  /**
   * Reads a 32-bit integer at the reader index.
   *
   * @throws ProtocolException when fewer than 4 bytes are left
   */
  public static int readInt(ByteBuf in) {
    require(in, Integer.BYTES);
    return in.readInt();
  }

  /**
   * Reads one byte at the reader index.
   *
   * @throws ProtocolException when no byte is left
   */
  public static byte readByte(ByteBuf in) {
    require(in, Byte.BYTES);
    return in.readByte();
  }

  /** PostgreSQL's words for a message shorter than its fields. */
  private static void require(ByteBuf in, int bytes) {
    if (in.readableBytes() < bytes) {
      throw new ProtocolException("insufficient data left in message");
    }
  }

  /** Writes {@code text} as UTF-8 followed by NUL. */
  public static void writeCString(ByteBuf out, String text) {
    out.writeCharSequence(text, StandardCharsets.UTF_8);
    out.writeByte(0);
  }

  /** A new typed frame with its header written and the length to be patched by {@link #finish}. */
  public static ByteBuf begin(ByteBufAllocator alloc, char type) {
    ByteBuf out = alloc.buffer();
    out.writeByte(type);
    out.writeInt(0);
    return out;
  }

  /** Patches the length of a frame started with {@link #begin}. */
  public static ByteBuf finish(ByteBuf out) {
    out.setInt(1, out.writerIndex() - 1);
    return out;
  }

  /** A typed frame's body: a slice past the header, sharing the frame's reference count. */
  public static ByteBuf body(ByteBuf frame) {
    return frame.slice(frame.readerIndex() + HEADER_BYTES, frame.readableBytes() - HEADER_BYTES);
  }

  /**
   * The whole frames {@code frames[from, to)} as a buffer of their own, for a write that takes
   * ownership: {@code frames} itself, retained, when that is all of it, else a retained slice.
   */
  public static ByteBuf range(ByteBuf frames, int from, int to) {
    return from == frames.readerIndex() && to == frames.writerIndex()
        ? frames.retain()
        : frames.retainedSlice(from, to - from);
  }

  /**
   * Calls {@code each} with every whole frame of {@code frames}, in order, as a slice that shares
   * its memory (not retained: valid while {@code frames} is).
   */
  public static void forEachFrame(ByteBuf frames, Consumer<ByteBuf> each) {
    for (int at = frames.readerIndex(); at < frames.writerIndex(); ) {
      int next = at + 1 + frames.getInt(at + 1);
      each.accept(frames.slice(at, next - at));
      at = next;
    }
  }

  /** A typed frame's type byte. */
  public static char type(ByteBuf frame) {
    return (char) frame.getByte(frame.readerIndex());
  }
}
