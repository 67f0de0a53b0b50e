/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.protocol.BackendKeyData;
import dev.tdb.proxy.internal.protocol.CancelRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

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
        .ifPresent(target -> send(client.channel(), target.server(), target.backendKey()));
    client.close();
  }

  /**
   * Sends {@code backendKey} as a CancelRequest to {@code server} on a new connection made from
   * {@code from}'s event loop; a server that cannot be reached cancels nothing.
   *
   * @return completes (never fails) on {@code from}'s event loop once the request is written or
   *     could not be
   */
  static Future<Void> send(Channel from, InetSocketAddress server, BackendKeyData backendKey) {
    Promise<Void> sent = from.eventLoop().newPromise();
    new Bootstrap()
        .group(from.eventLoop())
        .channel(from.getClass())
        .option(ChannelOption.AUTO_READ, false)
        .handler(new ChannelInboundHandlerAdapter())
        .connect(server)
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (!connected.isSuccess()) {
                    sent.trySuccess(null);
                    return;
                  }
                  CancelRequest cancel =
                      new CancelRequest(backendKey.processId(), backendKey.secretKey());
                  connected
                      .channel()
                      .writeAndFlush(cancel.encode(connected.channel().alloc()))
                      .addListener(ChannelFutureListener.CLOSE)
                      .addListener(written -> sent.trySuccess(null));
                });
    return sent;
  }
}
