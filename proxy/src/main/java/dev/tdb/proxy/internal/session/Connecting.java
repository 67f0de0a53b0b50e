/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.LimitRejections;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.routing.RoutingException;
import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.StartupMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After authentication: resolves the logical database for the account, applies status, the policy
 * to the startup parameters ({@link StartupParameters}) and {@code max_connections}, and opens the
 * backend connection on the client's event loop.
 */
final class Connecting implements ClientSession.Phase {
  private static final Logger LOG = LoggerFactory.getLogger(Connecting.class);

  private final ClientSession session;
  private final StartupMessage startup;
  private final String user;
  private final String database;

  Connecting(ClientSession session, StartupMessage startup, String user, String database) {
    this.session = session;
    this.startup = startup;
    this.user = user;
    this.database = database;
  }

  void start() {
    session.await(
        session.services().routing().resolveOnBehalfOf(user, database),
        this::route,
        this::routingFailed);
  }

  private void routingFailed(Throwable failure) {
    if (!(failure instanceof RoutingException refused)) {
      LOG.warn("routing lookup failed", failure);
      session.fatal("08001", "the tdb admin service cannot be reached", null);
      return;
    }
    switch (refused.reason()) {
      case UNKNOWN_DATABASE ->
          session.fatal("3D000", "database \"" + database + "\" does not exist", refused.hint());
      case ADMIN_UNREACHABLE ->
          session.fatal(
              "08001",
              "the tdb admin service cannot be reached to route database \""
                  + database
                  + "\", and the proxy has not routed it recently",
              "databases routed within the last "
                  + session.services().config().adminCache().maxStaleness().toSeconds()
                  + " s keep working; check the admin service");
      default -> {
        // The proxy's API key was refused or the answer was unusable: the operator's problem.
        LOG.warn("routing lookup failed: {}", refused.getMessage());
        session.fatal(
            "08001",
            "the tdb admin service did not route database \"" + database + "\" for the proxy",
            "an admin checks the proxy's API key and the proxy log");
      }
    }
  }

  @Override
  public void handle(ByteBuf frame) {
    throw new ProtocolException("message before the session was ready");
  }

  private void route(RoutingEntry entry) {
    switch (entry.status()) {
      case SUSPENDED:
        session.fatal(
            "55000",
            "database \"" + database + "\" is suspended and not accepting connections",
            "an admin resumes it with: tdb tenants resume " + database);
        return;
      case DELETED:
        session.fatal(
            "3D000",
            "database \"" + database + "\" has been deleted",
            "an admin restores it with: tdb tenants restore " + database);
        return;
      default:
        break;
    }
    Policy policy = Policy.of(entry.connectionMode(), entry.workspace(), entry.settings());
    StartupParameters.Judged parameters = StartupParameters.judge(startup, policy);
    if (parameters.refusal() != null) {
      Decision.Reject refusal = parameters.refusal();
      session.fatal(refusal.sqlState(), refusal.message(), refusal.hint());
      return;
    }
    if (acquireSlot(entry)) {
      connect(entry, policy, parameters.settings());
    }
  }

  private boolean acquireSlot(RoutingEntry entry) {
    int max = entry.settings().maxConnections();
    ConnectionLimits limits = session.services().limits();
    if (!limits.tryAcquire(entry.logicalName(), max)) {
      Decision.Reject reject =
          LimitRejections.tooManyConnections(entry.logicalName(), max, entry.workspace());
      session.fatal(reject.sqlState(), reject.message(), reject.hint());
      return false;
    }
    session.ctx().channel().closeFuture().addListener(f -> limits.release(entry.logicalName()));
    Runnable closed =
        session.services().metrics().clientOpened(entry.workspace(), ProxyMetrics.tenantTag(entry));
    session.ctx().channel().closeFuture().addListener(f -> closed.run());
    return true;
  }

  private void connect(RoutingEntry entry, Policy policy, Map<String, String> settings) {
    ChannelHandlerContext client = session.ctx();
    session.pause();
    BackendStartup backend = new BackendStartup(session, entry, policy, settings, user);
    new Bootstrap()
        .group(client.channel().eventLoop())
        .channel(client.channel().getClass().asSubclass(SocketChannel.class))
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<SocketChannel>() {
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
                                        session)));
                channel
                    .pipeline()
                    .addLast(
                        Framing.NAME, Framing.typed(session.services().config().maxMessageBytes()))
                    .addLast(backend);
              }
            })
        .connect(entry.host(), entry.port())
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (!connected.isSuccess()) {
                    session.fatal(
                        "08001",
                        "could not connect to the server of database \"" + database + "\"",
                        "try again; if it persists, an admin checks the cluster");
                  } else {
                    client.channel().closeFuture().addListener(f -> connected.channel().close());
                  }
                });
  }
}
