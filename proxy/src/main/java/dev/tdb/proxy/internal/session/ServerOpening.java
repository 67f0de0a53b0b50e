/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.proxy.internal.pool.ServerConnection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.util.function.Consumer;

/**
 * Opens a new server connection in a pool slot, on the client's event loop: TCP, TLS when the
 * route's {@code sslmode} asks, framing, then {@link BackendStartup}.
 */
final class ServerOpening {
  private ServerOpening() {}

  /**
   * Connects {@code slot} to {@code entry}'s server with {@code backend} as its startup; {@code
   * fatal} hears why it could not be reached. Returns the connecting channel's future.
   */
  static ChannelFuture open(
      ClientSession session,
      RoutingEntry entry,
      ServerConnection slot,
      BackendStartup backend,
      Consumer<Decision.Reject> fatal) {
    Channel client = session.ctx().channel();
    ChannelFuture connecting =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(client.getClass().asSubclass(SocketChannel.class))
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(pipeline(session, entry, backend, fatal))
            .connect(entry.host(), entry.port());
    slot.opening(connecting.channel());
    return connecting;
  }

  /** The server channel's handlers: TLS when its {@code sslmode} asks, framing, the startup. */
  private static ChannelInitializer<SocketChannel> pipeline(
      ClientSession session,
      RoutingEntry entry,
      BackendStartup backend,
      Consumer<Decision.Reject> fatal) {
    return new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        session
            .services()
            .serverTls()
            .forMode(entry.sslMode())
            .ifPresent(
                tls ->
                    channel
                        .pipeline()
                        .addLast(
                            new ServerTlsNegotiation(
                                tls,
                                entry.host(),
                                entry.port(),
                                !entry.sslMode().equals("prefer"),
                                fatal)));
        channel
            .pipeline()
            .addLast(Framing.NAME, Framing.typed(session.services().config().maxMessageBytes()))
            .addLast(SessionStart.SERVER_HANDLER, backend);
      }
    };
  }
}
