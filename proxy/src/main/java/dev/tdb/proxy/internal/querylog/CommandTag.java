/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Reads the row count at the end of a CommandComplete's tag ({@code UPDATE 5}, {@code INSERT 0 3}).
 */
final class CommandTag {
  private CommandTag() {}

  /**
   * The number the tag of the CommandComplete {@code frame} ends with, or 0 when it ends with none
   * ({@code CREATE TABLE}); reads without moving the frame's indexes, allocates nothing.
   */
  static long rows(ByteBuf frame) {
    int end = frame.writerIndex() - 1;
    if (end < frame.readerIndex() + Wire.HEADER_BYTES || frame.getByte(end) != 0) {
      return 0;
    }
    long rows = 0;
    long scale = 1;
    int i = end - 1;
    for (; i >= frame.readerIndex() + Wire.HEADER_BYTES; i--) {
      byte b = frame.getByte(i);
      if (b < '0' || b > '9' || scale > 1_000_000_000_000_000L) {
        break;
      }
      rows += (b - '0') * scale;
      scale *= 10;
    }
    boolean afterSpace = i >= frame.readerIndex() + Wire.HEADER_BYTES && frame.getByte(i) == ' ';
    return scale > 1 && afterSpace ? rows : 0;
  }
}
