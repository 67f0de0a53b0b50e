/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * The answer to a StartupMessage asking for a newer minor version or for protocol options ({@code
 * _pq_.} parameters) that are not supported: the version spoken and the options not recognized. The
 * session goes on with protocol 3.0 and without those options.
 *
 * @param version the protocol version spoken, sent as the full 32-bit version code as PostgreSQL
 *     sends it
 * @param unrecognizedOptions the {@code _pq_.} option names not supported, in the order asked
 */
public record NegotiateProtocolVersion(int version, List<String> unrecognizedOptions) {
  /** Copies the option list. */
  public NegotiateProtocolVersion {
    unrecognizedOptions = List.copyOf(unrecognizedOptions);
  }

  /**
   * What the proxy answers a StartupMessage of protocol 3.{@code minorVersion} asking for the
   * protocol {@code options}, or null when it asked for nothing the proxy lacks: the proxy speaks
   * 3.0 and recognizes no protocol option.
   */
  public static NegotiateProtocolVersion answering(int minorVersion, List<String> options) {
    if (minorVersion == 0 && options.isEmpty()) {
      return null;
    }
    return new NegotiateProtocolVersion(Wire.PROTOCOL_3_0, options);
  }

  /** The message as sent. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer();
    out.writeByte(BackendType.NEGOTIATE_PROTOCOL_VERSION)
        .writeInt(0)
        .writeInt(version)
        .writeInt(unrecognizedOptions.size());
    unrecognizedOptions.forEach(name -> Wire.writeCString(out, name));
    return out.setInt(1, out.writerIndex() - 1);
  }
}
