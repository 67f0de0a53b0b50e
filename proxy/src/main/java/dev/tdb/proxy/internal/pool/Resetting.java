/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.pool;

import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Returns a server session to the state of a new one before another client gets it: {@code
 * ROLLBACK} when the last client left inside a transaction block, then {@code DISCARD ALL}, which
 * resets every setting to its startup value ({@code RESET ALL}), drops temporary tables, prepared
 * statements, cursors and plans, releases session advisory locks, and stops {@code LISTEN}. It is
 * the one statement that covers all session state (cheaper ones such as {@code RESET ALL} alone
 * would leave temporary tables, locks or prepared statements to the next client), and its cost is
 * one round trip per client session, not per transaction. The two are sent as separate Query
 * messages because {@code DISCARD ALL} refuses to run in the implicit transaction block of a
 * multi-statement Query. Only a reset that ends in ReadyForQuery {@code I} without an error puts
 * the connection back; anything else closes it. Releases every buffer it is given.
 */
final class Resetting extends ChannelInboundHandlerAdapter {
  /** The name of the handler that owns the server channel's frames, in every state. */
  static final String NAME = "relay";

  private final ServerConnection connection;
  // Confined to the channel's event loop: no volatile.
  private int owed;
  private boolean failed;

  private Resetting(ServerConnection connection, int owed) {
    this.connection = connection;
    this.owed = owed;
  }

  /** Sends the reset on {@code connection}, whose last ReadyForQuery had {@code status}. */
  static void start(ServerConnection connection, char status) {
    Channel channel = connection.channel();
    boolean inBlock = status != ReadyForQuery.IDLE;
    channel.pipeline().replace(NAME, NAME, new Resetting(connection, inBlock ? 2 : 1));
    if (inBlock) {
      channel.write(new Query("ROLLBACK").encode(channel.alloc()));
    }
    channel.writeAndFlush(new Query("DISCARD ALL").encode(channel.alloc()));
    channel.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frames = (ByteBuf) msg;
    try {
      Wire.forEachFrame(frames, this::frame);
    } finally {
      frames.release();
    }
  }

  private void frame(ByteBuf frame) {
    switch (Wire.type(frame)) {
      case BackendType.ERROR_RESPONSE -> failed = true;
      case BackendType.PARAMETER_STATUS -> connection.reported(ParameterStatus.decode(frame));
      case BackendType.READY_FOR_QUERY -> {
        char status = (char) frame.getByte(frame.readerIndex() + Wire.HEADER_BYTES);
        if (--owed == 0) {
          if (failed || status != ReadyForQuery.IDLE) {
            connection.channel().close();
          } else {
            connection.clean();
          }
        }
      }
      default -> {
        // CommandComplete, NoticeResponse: nothing to keep.
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (owed > 0) {
      ctx.read();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
