/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy;

import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.internal.admin.AdminLookup;
import dev.tdb.proxy.internal.admin.VerifierCache;
import dev.tdb.proxy.internal.auth.DecoyCredentials;
import dev.tdb.proxy.internal.auth.SaltedPasswords;
import dev.tdb.proxy.internal.session.CancelRegistry;
import dev.tdb.proxy.internal.session.ClientSession;
import dev.tdb.proxy.internal.session.ConnectionLimits;
import dev.tdb.proxy.internal.session.Framing;
import dev.tdb.proxy.internal.session.ProxyServices;
import dev.tdb.proxy.internal.tls.ProxyTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The PostgreSQL wire-protocol proxy: one listening port in front of every logical database. */
public final class ProxyServer implements AutoCloseable {
  private final ProxyServices services;
  private final EventLoopGroup group;
  private final Channel listener;

  private ProxyServer(ProxyServices services, EventLoopGroup group, Channel listener) {
    this.services = services;
    this.group = group;
    this.listener = listener;
  }

  /**
   * Starts listening; returns once the port is bound.
   *
   * @throws IllegalStateException when the port cannot be bound or the TLS files cannot be loaded
   */
  public static ProxyServer start(ProxyConfig config) {
    ProxyServices services = services(config);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    try {
      Channel listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.AUTO_READ, false)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(Framing.NAME, Framing.startup())
                          .addLast(new ClientSession(services));
                    }
                  })
              .bind(config.host(), config.port())
              .syncUninterruptibly()
              .channel();
      return new ProxyServer(services, group, listener);
    } catch (RuntimeException e) {
      services.routing().close();
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
  }

  private static ProxyServices services(ProxyConfig config) {
    SecureRandom random = new SecureRandom();
    return new ProxyServices(
        config,
        tls(config.tls(), config.host()),
        new VerifierCache(
            new AdminLookup(
                config.adminUri(),
                config.adminApiKey(),
                config.adminTls(),
                ProxyConfig.ADMIN_TIMEOUT),
            config.adminCache().verifierTtl(),
            config.adminCache().maxStaleness()),
        new RoutingClient(routingOptions(config)),
        SqlClassifier.create(),
        new CancelRegistry(random),
        new ConnectionLimits(),
        new SaltedPasswords(),
        new DecoyCredentials(random),
        random);
  }

  private static RoutingClient.Options routingOptions(ProxyConfig config) {
    RoutingClient.Options options =
        RoutingClient.Options.of(
                config.adminUri(), new AdminCredentials.ApiKey(config.adminApiKey()))
            .withRefreshAfter(config.adminCache().routeRefreshAfter())
            .withMaxStaleness(config.adminCache().maxStaleness())
            .withRequestTimeout(ProxyConfig.ADMIN_TIMEOUT);
    return config.adminTls().map(options::withSslContext).orElse(options);
  }

  private static Optional<SslContext> tls(ProxyConfig.Tls tls, String host) {
    if (tls.mode() == ProxyConfig.TlsMode.DISABLED) {
      return Optional.empty();
    }
    if (tls.certificate() != null) {
      return Optional.of(ProxyTls.fromPem(tls.certificate(), tls.key()));
    }
    return Optional.of(ProxyTls.selfSigned(tls.directory(), host));
  }

  /** The port clients connect to. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    services.routing().close();
  }
}
