/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.frontend.CancelRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Forwards a client's CancelRequest to the backend session its key maps to, if any. */
final class Cancels {
  /** How long a sent cancel waits for the server to close its connection. */
  static final Duration DELIVERY_WAIT = Duration.ofSeconds(2);

  private Cancels() {}

  /**
   * Sends the backend's key to the backend's server on a new connection (in transaction mode, has
   * the client's session cancel what it runs now, if anything), then closes the client's connection
   * (PostgreSQL answers a cancel with nothing). An unknown key is dropped silently.
   */
  static void forward(
      ChannelHandlerContext client, CancelRegistry registry, CancelRequest request) {
    registry
        .find(request)
        .ifPresent(
            target -> {
              if (target.relayed() != null) {
                target.relayed().run();
              } else {
                send(client.channel(), target.server(), target.backendKey());
              }
            });
    client.close();
  }

  /**
   * Sends {@code backendKey} as a CancelRequest to {@code server} on a new connection made from
   * {@code from}'s event loop; a server that cannot be reached cancels nothing.
   *
   * @return completes (never fails) on {@code from}'s event loop once the server closed the
   *     connection, which it does after signalling the backend (so a statement sent after it can no
   *     longer be hit by this cancel), or after {@link #DELIVERY_WAIT}, or when it could not be
   *     sent
   */
  static Future<Void> send(Channel from, InetSocketAddress server, BackendKeyData backendKey) {
    Promise<Void> delivered = from.eventLoop().newPromise();
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
                    delivered.trySuccess(null);
                    return;
                  }
                  Channel channel = connected.channel();
                  channel.closeFuture().addListener(closed -> delivered.trySuccess(null));
                  CancelRequest cancel =
                      new CancelRequest(backendKey.processId(), backendKey.secretKey());
                  channel
                      .writeAndFlush(cancel.encode(channel.alloc()))
                      .addListener(
                          (ChannelFutureListener)
                              written -> {
                                if (!written.isSuccess()) {
                                  channel.close();
                                  return;
                                }
                                // The server answers nothing and closes: reading sees the close.
                                channel.read();
                                channel
                                    .eventLoop()
                                    .schedule(
                                        () -> channel.close(),
                                        DELIVERY_WAIT.toMillis(),
                                        TimeUnit.MILLISECONDS);
                              });
                });
    return delivered;
  }
}
