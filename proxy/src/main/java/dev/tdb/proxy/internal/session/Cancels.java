/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.protocol.CancelRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;

/** Forwards a client's CancelRequest to the backend session its key maps to, if any. */
final class Cancels {
  private Cancels() {}

  /**
   * Sends the backend's key to the backend's server on a new connection, then closes the client's
   * connection (PostgreSQL answers a cancel with nothing). An unknown key is dropped silently.
   */
  static void forward(
      ChannelHandlerContext client, CancelRegistry registry, CancelRequest request) {
    registry
        .find(request)
        .ifPresent(
            target ->
                new Bootstrap()
                    .group(client.channel().eventLoop())
                    .channel(client.channel().getClass())
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(target.server())
                    .addListener(
                        (ChannelFutureListener)
                            connected -> {
                              if (connected.isSuccess()) {
                                CancelRequest backend =
                                    new CancelRequest(
                                        target.backendKey().processId(),
                                        target.backendKey().secretKey());
                                connected
                                    .channel()
                                    .writeAndFlush(backend.encode(connected.channel().alloc()))
                                    .addListener(ChannelFutureListener.CLOSE);
                              }
                            }));
    client.close();
  }
}
