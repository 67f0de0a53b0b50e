/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy;

import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.internal.admin.AdminLookup;
import dev.tdb.proxy.internal.auth.DecoyCredentials;
import dev.tdb.proxy.internal.auth.SaltedPasswords;
import dev.tdb.proxy.internal.querylog.QueryLogBuffer;
import dev.tdb.proxy.internal.querylog.QueryLogShipper;
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
  private final EventLoopGroup group;
  private final Channel listener;
  private final Optional<QueryLogBuffer> queryLog;
  private final Optional<QueryLogShipper> shipper;

  private ProxyServer(
      EventLoopGroup group,
      Channel listener,
      Optional<QueryLogBuffer> queryLog,
      Optional<QueryLogShipper> shipper) {
    this.group = group;
    this.listener = listener;
    this.queryLog = queryLog;
    this.shipper = shipper;
  }

  /**
   * Starts listening; returns once the port is bound.
   *
   * @throws IllegalStateException when the port cannot be bound or the TLS files cannot be loaded
   * @throws java.io.UncheckedIOException when the query log's file cannot be opened
   */
  public static ProxyServer start(ProxyConfig config) {
    Optional<QueryLogBuffer> queryLog =
        config.queryLog().enabled()
            ? Optional.of(new QueryLogBuffer(config.queryLog().capacity()))
            : Optional.empty();
    ProxyServices services = services(config, queryLog);
    Optional<QueryLogShipper> shipper =
        queryLog.map(buffer -> QueryLogShipper.start(buffer, config));
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
      return new ProxyServer(group, listener, queryLog, shipper);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      shipper.ifPresent(QueryLogShipper::close);
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
  }

  private static ProxyServices services(ProxyConfig config, Optional<QueryLogBuffer> queryLog) {
    SecureRandom random = new SecureRandom();
    return new ProxyServices(
        config,
        tls(config.tls(), config.host()),
        new AdminLookup(
            config.adminUri(), config.adminApiKey(), config.adminTls(), ProxyConfig.ADMIN_TIMEOUT),
        SqlClassifier.create(),
        new CancelRegistry(random),
        new ConnectionLimits(),
        new SaltedPasswords(),
        new DecoyCredentials(random),
        random,
        queryLog);
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

  /** Query-log events dropped so far because the buffer was full or the admin service failed. */
  public long queryLogDropped() {
    return queryLog.map(QueryLogBuffer::dropped).orElse(0L);
  }

  /** Stops listening, closes every connection, then sends what the query log still holds. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    shipper.ifPresent(QueryLogShipper::close);
  }
}
