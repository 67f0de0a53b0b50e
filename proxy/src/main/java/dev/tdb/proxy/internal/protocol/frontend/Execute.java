/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Extended query protocol: runs a portal.
 *
 * @param portal the portal's name, empty for the unnamed one
 * @param maxRows rows to return before PortalSuspended, 0 for all
 */
public record Execute(String portal, int maxRows) {
  /**
   * Decodes a typed frame; does not release it.
   *
   * @throws ProtocolException for a frame shorter than its fields
   */
  public static Execute decode(ByteBuf frame) {
    ByteBuf body = Wire.body(frame);
    String portal = Wire.readCString(body);
    return new Execute(portal, Wire.readInt(body));
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = Wire.begin(alloc, FrontendType.EXECUTE);
    Wire.writeCString(out, portal);
    out.writeInt(maxRows);
    return Wire.finish(out);
  }
}
