/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The client picks a SASL mechanism and sends its first message (type 'p').
 *
 * @param mechanism the mechanism's name
 * @param data the client-first-message, empty when absent
 */
public record SASLInitialResponse(String mechanism, String data) {
  /**
   * Decodes a typed frame; does not release it.
   *
   * @throws ProtocolException when the data length does not fit the frame, or the frame ends before
   *     it
   */
  public static SASLInitialResponse decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    String mechanism = Wire.readCString(body);
    int length = Wire.readInt(body);
    if (length > body.readableBytes()) {
      throw new ProtocolException("SASLInitialResponse data longer than the message");
    }
    String data =
        length < 0 ? "" : body.readCharSequence(length, StandardCharsets.UTF_8).toString();
    return new SASLInitialResponse(mechanism, data);
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, FrontendType.PASSWORD_MESSAGE);
    Wire.writeCString(out, mechanism);
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length).writeBytes(bytes);
    return Wire.finish(out);
  }
}
