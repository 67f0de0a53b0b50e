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
import dev.tdb.proxy.internal.metrics.ManagementServer;
import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.pool.ServerPool;
import dev.tdb.proxy.internal.querylog.QueryLogBuffer;
import dev.tdb.proxy.internal.querylog.QueryLogShipper;
import dev.tdb.proxy.internal.relay.Shutdown;
import dev.tdb.proxy.internal.session.CancelRegistry;
import dev.tdb.proxy.internal.session.ClientSession;
import dev.tdb.proxy.internal.session.DirectTls;
import dev.tdb.proxy.internal.session.Framing;
import dev.tdb.proxy.internal.session.ProxyServices;
import dev.tdb.proxy.internal.session.Unauthenticated;
import dev.tdb.proxy.internal.stats.StatementStatistics;
import dev.tdb.proxy.internal.tls.ProxyTls;
import dev.tdb.proxy.internal.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The PostgreSQL wire-protocol proxy: one listening port in front of every logical database. */
public final class ProxyServer implements AutoCloseable {
  /** How long {@link #close()} lets running statements finish. */
  public static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

  /** How long the last error gets to reach clients after the deadline. */
  private static final Duration FORCED_CLOSE_GRACE = Duration.ofSeconds(1);

  private final ProxyServices services;
  private final EventLoopGroup group;
  private final ChannelGroup clients;
  private final Channel listener;
  private final AtomicBoolean shutDown = new AtomicBoolean();
  private final Optional<QueryLogBuffer> queryLog;
  private final Optional<QueryLogShipper> shipper;
  private Optional<ManagementServer> management = Optional.empty();

  private ProxyServer(
      ProxyServices services,
      EventLoopGroup group,
      ChannelGroup clients,
      Channel listener,
      Optional<QueryLogBuffer> queryLog,
      Optional<QueryLogShipper> shipper) {
    this.services = services;
    this.group = group;
    this.clients = clients;
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
    AdminLookup admin =
        new AdminLookup(
            config.adminUri(), config.adminApiKey(), config.adminTls(), config.adminTimeout());
    ProxyServices services =
        services(config, admin, queryLog, StatementStatistics.start(config, Clock.systemUTC()));
    Optional<QueryLogShipper> shipper =
        queryLog.map(buffer -> QueryLogShipper.start(buffer, config));
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
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
                      clients.add(channel);
                      channel
                          .pipeline()
                          .addLast(
                              DirectTls.NAME, new DirectTls(services.tls(), services.metrics()))
                          .addLast(Framing.NAME, Framing.startup())
                          .addLast(new ClientSession(services));
                    }
                  })
              .bind(config.host(), config.port())
              .syncUninterruptibly()
              .channel();
      long sweep = Math.max(10, Math.min(config.pool().idleTimeout().toMillis() / 4, 5_000));
      group.scheduleAtFixedRate(services.pool()::closeIdle, sweep, sweep, TimeUnit.MILLISECONDS);
      ProxyServer proxy = new ProxyServer(services, group, clients, listener, queryLog, shipper);
      proxy.startManagement(admin);
      return proxy;
    } catch (RuntimeException e) {
      services.routing().close();
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      shipper.ifPresent(QueryLogShipper::close);
      services.statistics().ifPresent(StatementStatistics::close);
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
  }

  /** Opens the management port when the configuration asks for it. */
  private void startManagement(AdminLookup admin) {
    ProxyConfig.Management config = services.config().management();
    if (config.enabled()) {
      management =
          Optional.of(
              ManagementServer.start(
                  config.host(), config.port(), services.metrics()::scrape, () -> ready(admin)));
    }
  }

  /**
   * Ready while not shutting down and either the admin service confirmed a route within the maximum
   * staleness (cached routes still serve) or it answers its own readiness probe now (routes can be
   * loaded).
   */
  private boolean ready(AdminLookup admin) {
    if (shutDown.get()) {
      return false;
    }
    Optional<Duration> since = services.routing().statistics().sinceAdminAnswered();
    Duration maxStaleness = services.config().adminCache().maxStaleness();
    return since.filter(age -> age.compareTo(maxStaleness) < 0).isPresent() || admin.ready();
  }

  private static ProxyServices services(
      ProxyConfig config,
      AdminLookup admin,
      Optional<QueryLogBuffer> queryLog,
      Optional<StatementStatistics> statistics) {
    SecureRandom random = new SecureRandom();
    RoutingClient routing = new RoutingClient(routingOptions(config));
    ProxyMetrics metrics =
        new ProxyMetrics(
            config.management().tenantTagLimit(),
            routing::statistics,
            () -> queryLog.map(QueryLogBuffer::dropped).orElse(0L));
    ServerPool pool = new ServerPool(config.pool(), metrics::poolWaited);
    metrics.watch(pool);
    statistics.ifPresent(s -> s.bindTo(metrics.registry()));
    return new ProxyServices(
        config,
        tls(config.tls(), config.host()),
        ServerTls.create(config.serverCa()),
        new VerifierCache(
            admin, config.adminCache().verifierTtl(), config.adminCache().maxStaleness()),
        routing,
        SqlClassifier.create(),
        new CancelRegistry(random),
        pool,
        new Unauthenticated(config.authentication().maxPending()),
        new SaltedPasswords(),
        new DecoyCredentials(random),
        random,
        queryLog,
        statistics,
        metrics);
  }

  private static RoutingClient.Options routingOptions(ProxyConfig config) {
    RoutingClient.Options options =
        RoutingClient.Options.of(
                config.adminUri(), new AdminCredentials.ApiKey(config.adminApiKey()))
            .withRefreshAfter(config.adminCache().routeRefreshAfter())
            .withMaxStaleness(config.adminCache().maxStaleness())
            .withRequestTimeout(config.adminTimeout());
    return config.adminTls().map(options::withSslContext).orElse(options);
  }

  private static Optional<SslContext> tls(ProxyConfig.Tls tls, String host) {
    if (tls.mode() == ProxyConfig.TlsMode.DISABLED) {
      return Optional.empty();
    }
    if (tls.certificate() != null) {
      return Optional.of(ProxyTls.fromPem(tls.certificate(), tls.key()));
    }
    return Optional.of(ProxyTls.generated(tls.directory(), host));
  }

  /** The port clients connect to. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The management port, empty when it is off. */
  public OptionalInt managementPort() {
    return management.map(m -> OptionalInt.of(m.port())).orElse(OptionalInt.empty());
  }

  /** Query-log events dropped so far because the buffer was full or the admin service failed. */
  public long queryLogDropped() {
    return queryLog.map(QueryLogBuffer::dropped).orElse(0L);
  }

  /**
   * Shuts down as {@link #shutdown} does, with {@link #CLOSE_DEADLINE}, then sends what the query
   * log still holds.
   */
  @Override
  public void close() {
    shutdown(CLOSE_DEADLINE);
  }

  /**
   * Stops accepting connections, ends idle sessions at once with PostgreSQL's {@code FATAL 57P01
   * terminating connection due to administrator command}, lets sessions whose statement runs get
   * its answer and then ends them the same way, and at {@code deadline} cancels what still runs and
   * ends the rest. Returns once every connection is closed.
   */
  public void shutdown(Duration deadline) {
    if (shutDown.getAndSet(true)) {
      return;
    }
    listener.close().syncUninterruptibly();
    clients.forEach(client -> client.pipeline().fireUserEventTriggered(Shutdown.DRAIN));
    if (!clients.newCloseFuture().awaitUninterruptibly(deadline.toMillis())) {
      clients.forEach(client -> client.pipeline().fireUserEventTriggered(Shutdown.NOW));
      clients.newCloseFuture().awaitUninterruptibly(FORCED_CLOSE_GRACE.toMillis());
    }
    // The loops hand their last statistics over before they stop.
    services.statistics().ifPresent(StatementStatistics::close);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    services.routing().close();
    shipper.ifPresent(QueryLogShipper::close);
    management.ifPresent(ManagementServer::close);
  }
}
