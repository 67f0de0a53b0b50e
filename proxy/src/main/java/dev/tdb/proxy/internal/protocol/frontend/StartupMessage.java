/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first message of a session: protocol 3.x and the parameters (user, database, options…).
 *
 * @param minorVersion the minor protocol version the client asked for; 3.0 is what is spoken, a
 *     higher one is negotiated down with NegotiateProtocolVersion
 * @param parameters name to value, in the order sent
 */
public record StartupMessage(int minorVersion, Map<String, String> parameters)
    implements StartupPacket {
  /** The prefix of protocol option names among the parameters. */
  private static final String OPTION_PREFIX = "_pq_.";

  /** The major protocol version, in the upper 16 bits of the version field. */
  static final int PROTOCOL_MAJOR = 3;

  /** Copies the parameters, keeping their order. */
  public StartupMessage {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** A protocol 3.0 StartupMessage, as the proxy sends to servers. */
  public StartupMessage(Map<String, String> parameters) {
    this(0, parameters);
  }

  /**
   * Decodes an untyped frame; does not release it.
   *
   * @throws ProtocolException for a malformed parameter list
   */
  public static StartupMessage decode(ByteBuf frame) {
    ByteBuf in = frame.duplicate();
    in.skipBytes(4);
    int minor = in.readInt() & 0xFFFF;
    Map<String, String> parameters = new LinkedHashMap<>();
    while (in.isReadable() && in.getByte(in.readerIndex()) != 0) {
      String name = Wire.readCString(in);
      parameters.put(name, Wire.readCString(in));
    }
    if (!in.isReadable()) {
      throw new ProtocolException("StartupMessage without terminating NUL");
    }
    return new StartupMessage(minor, parameters);
  }

  /** The message as sent to a server: always protocol 3.0. */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer();
    out.writeInt(0).writeInt(Wire.PROTOCOL_3_0);
    parameters.forEach(
        (name, value) -> {
          Wire.writeCString(out, name);
          Wire.writeCString(out, value);
        });
    out.writeByte(0);
    return out.setInt(0, out.writerIndex());
  }

  /** The protocol options asked for ({@code _pq_.} parameters), in the order sent. */
  public List<String> protocolOptions() {
    return parameters.keySet().stream().filter(name -> name.startsWith(OPTION_PREFIX)).toList();
  }

  /** A parameter's value, or null. */
  public String parameter(String name) {
    return parameters.get(name);
  }
}
