/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.NegotiateProtocolVersion;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import dev.tdb.proxy.internal.protocol.frontend.StartupPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class CodecTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

  @Test
  void errorResponseKeepsSeveritySqlStateMessageAndHint() {
    ByteBuf frame =
        ErrorResponse.error(
                new Decision.Reject(SqlState.INSUFFICIENT_PRIVILEGE, "no DDL", "use the workspace"))
            .encode(ALLOC);
    try {
      assertThat(frame.getInt(1)).isEqualTo(frame.readableBytes() - 1);
      ErrorResponse decoded = ErrorResponse.decode(frame);
      assertThat(decoded.fields())
          .containsExactly(
              Map.entry('S', "ERROR"),
              Map.entry('V', "ERROR"),
              Map.entry('C', "42501"),
              Map.entry('M', "no DDL"),
              Map.entry('H', "use the workspace"));
    } finally {
      frame.release();
    }
  }

  @Test
  void startupMessageRoundTripsItsParametersInOrder() {
    StartupMessage message = new StartupMessage(Map.of("user", "tdb_0123abcd"));
    ByteBuf frame = message.encode(ALLOC);
    try {
      assertThat(StartupPacket.decode(frame)).isEqualTo(message);
    } finally {
      frame.release();
    }
  }

  @Test
  void rejectsAnUnknownProtocolVersion() {
    ByteBuf frame = ALLOC.buffer().writeInt(8).writeInt(0x00020000);
    try {
      assertThatThrownBy(() -> StartupPacket.decode(frame))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("2.0");
    } finally {
      frame.release();
    }
  }

  @Test
  void answersANewerMinorVersionAndProtocolOptionsWithNegotiateProtocolVersion() {
    ByteBuf startup = ALLOC.buffer().writeInt(0).writeInt(0x00030002);
    Wire.writeCString(startup, "user");
    Wire.writeCString(startup, "tdb_0123abcd");
    Wire.writeCString(startup, "_pq_.compression");
    Wire.writeCString(startup, "on");
    startup.writeByte(0);
    startup.setInt(0, startup.readableBytes());
    ByteBuf frame = null;
    try {
      StartupMessage message = (StartupMessage) StartupPacket.decode(startup);
      assertThat(message.minorVersion()).isEqualTo(2);
      frame =
          NegotiateProtocolVersion.answering(message.minorVersion(), message.protocolOptions())
              .encode(ALLOC);
      assertThat(frame.readByte()).isEqualTo((byte) 'v');
      assertThat(frame.readInt()).isEqualTo(frame.readableBytes() + 4);
      assertThat(frame.readInt()).isEqualTo(Wire.PROTOCOL_3_0);
      assertThat(frame.readInt()).isEqualTo(1);
      assertThat(Wire.readCString(frame)).isEqualTo("_pq_.compression");
      assertThat(
              NegotiateProtocolVersion.answering(
                  0, new StartupMessage(Map.of("user", "u")).protocolOptions()))
          .isNull();
    } finally {
      startup.release();
      if (frame != null) {
        frame.release();
      }
    }
  }

  @Test
  void queryRoundTripsItsText() {
    ByteBuf frame = new Query("SELECT 'é'").encode(ALLOC);
    try {
      assertThat(Query.decode(frame).sql()).isEqualTo("SELECT 'é'");
    } finally {
      frame.release();
    }
  }
}
