/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.ErrorResponse;
import dev.tdb.proxy.internal.protocol.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Relays server frames to the client as the original buffers: ownership of each frame passes to the
 * client channel's write, which releases it. Only ReadyForQuery is peeked at (transaction status),
 * and ErrorResponse decoded while a refusal waits for its place in the stream.
 */
public final class BackendRelay extends ChannelInboundHandlerAdapter {
  private final RelaySession relay;
  // Confined to the event loop both channels share: no volatile.
  private ChannelFuture lastWrite;

  /** A relay handler for the server channel of {@code relay}. */
  public BackendRelay(RelaySession relay) {
    this.relay = relay;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    char type = Wire.type(frame);
    if (type == ReadyForQuery.TYPE) {
      relay.transactionStatus = ReadyForQuery.decode(frame).status();
      relay.pendingReadyForQuery--;
    } else if (type == ErrorResponse.TYPE && relay.pendingRefusal != null) {
      frame = substituteRefusal(frame);
    }
    lastWrite = relay.client.write(frame);
  }

  /** The refusal in place of the server's error about the marker portal, else the error itself. */
  private ByteBuf substituteRefusal(ByteBuf frame) {
    ErrorResponse error = ErrorResponse.decode(frame);
    ErrorResponse refusal = relay.pendingRefusal;
    relay.pendingRefusal = null;
    if (!"34000".equals(error.sqlState())
        || !error.message().contains(RelaySession.REFUSAL_PORTAL)) {
      // An earlier message failed first; the server skipped the marker, as it skips to Sync.
      return frame;
    }
    frame.release();
    return refusal.encode(relay.client.alloc());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (lastWrite == null) {
      return;
    }
    relay.client.flush();
    lastWrite.addListener(
        written -> {
          if (written.isSuccess()) {
            ctx.read();
          } else {
            ctx.close();
          }
        });
    lastWrite = null;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
