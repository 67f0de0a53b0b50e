/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import com.ongres.scram.common.exception.ScramParseException;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.proxy.internal.auth.ScramClient;
import dev.tdb.proxy.internal.auth.ScramServer;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.pool.ServerConnection;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.Authentication;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationOk;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationSASL;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationSASLContinue;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationSASLFinal;
import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.frontend.SASLInitialResponse;
import dev.tdb.proxy.internal.protocol.frontend.SASLResponse;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import dev.tdb.proxy.internal.protocol.frontend.Terminate;
import dev.tdb.proxy.internal.relay.TextReading;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend connection's startup: StartupMessage as the runtime role with the client's judged
 * settings ({@link StartupParameters}), SCRAM-SHA-256 with the role's password, ParameterStatus
 * followed ({@link TextReading}) and handed to its {@link Outcome}, which relays them to the client
 * and starts the relay (see {@link SessionStart}) or, for a transaction-mode client's next
 * transaction, takes the connection. Releases every frame it is given; an outcome that keeps one
 * retains it.
 */
final class BackendStartup extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(BackendStartup.class);

  /** What becomes of the startup: the client's own, or a transaction-mode client's next one. */
  interface Outcome {
    /**
     * A ParameterStatus or NoticeResponse the server sent; the callee retains it if it keeps it.
     */
    void reported(ByteBuf frame);

    /** The server is ready: {@code server} is established; the callee retains the frame. */
    void ready(ServerConnection server, ByteBuf readyForQuery);

    /** The server refused the startup with {@code error}; the callee retains it if it keeps it. */
    void refused(ByteBuf error);

    /** The proxy ends the startup with {@code error}. */
    void fatal(Decision.Reject error);
  }

  private final ClientSession session;
  private final RoutingEntry entry;
  private final Map<String, String> settings;
  private final ServerConnection server;
  private final Outcome outcome;

  /**
   * Asked when the server refuses the connection as one too many (a closed backend of the pool may
   * not have exited yet); true when another attempt was scheduled.
   */
  private final BooleanSupplier retryWhenFull;

  private final List<ParameterStatus> reported = new ArrayList<>();
  // Confined to the shared event loop of both channels: no volatile.
  private ScramClient scram;
  private BackendKeyData backendKey;
  private TextReading reading = TextReading.DEFAULT;
  private boolean done;

  BackendStartup(
      ClientSession session,
      RoutingEntry entry,
      Map<String, String> settings,
      ServerConnection server,
      BooleanSupplier retryWhenFull,
      Outcome outcome) {
    this.session = session;
    this.outcome = outcome;
    this.retryWhenFull = retryWhenFull;
    this.server = server;
    this.entry = entry;
    this.settings = settings;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Runnable closed =
        session.services().metrics().serverOpened(entry.workspace(), ProxyMetrics.tenantTag(entry));
    ctx.channel().closeFuture().addListener(f -> closed.run());
    Map<String, String> parameters = new LinkedHashMap<>(settings);
    parameters.put("user", entry.role());
    parameters.put("database", entry.database());
    ctx.writeAndFlush(new StartupMessage(parameters).encode(ctx.alloc()));
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws ScramParseException {
    ByteBuf frame = (ByteBuf) msg;
    try {
      handle(ctx, frame);
    } finally {
      frame.release();
    }
  }

  private void handle(ChannelHandlerContext ctx, ByteBuf frame) throws ScramParseException {
    switch (Wire.type(frame)) {
      case BackendType.AUTHENTICATION -> handleAuthentication(ctx, Authentication.decode(frame));
      case BackendType.PARAMETER_STATUS -> {
        ParameterStatus status = ParameterStatus.decode(frame);
        reported.add(status);
        reading = reading.follow(status);
        outcome.reported(frame);
      }
      case BackendType.NOTICE_RESPONSE -> outcome.reported(frame);
      case BackendType.BACKEND_KEY_DATA -> backendKey = BackendKeyData.decode(frame);
      case BackendType.ERROR_RESPONSE -> {
        done = true;
        ctx.close();
        if (!(isTooManyConnections(frame) && retryWhenFull.getAsBoolean())) {
          outcome.refused(frame);
        }
      }
      case BackendType.READY_FOR_QUERY -> startRelay(ctx, frame);
      default ->
          throw new ProtocolException(
              "unexpected message '" + Wire.type(frame) + "' from the server");
    }
  }

  private static boolean isTooManyConnections(ByteBuf frame) {
    return SqlState.TOO_MANY_CONNECTIONS.is(ErrorResponse.decode(frame).sqlState());
  }

  private void handleAuthentication(ChannelHandlerContext ctx, Authentication request)
      throws ScramParseException {
    if (request instanceof AuthenticationSASL sasl
        && sasl.mechanisms().contains(ScramServer.MECHANISM)) {
      scram =
          new ScramClient(
              entry.password(), session.services().saltedPasswords(), session.services().random());
      ctx.writeAndFlush(
          new SASLInitialResponse(ScramServer.MECHANISM, scram.clientFirst()).encode(ctx.alloc()));
    } else if (request instanceof AuthenticationSASLContinue challenge && scram != null) {
      ctx.writeAndFlush(new SASLResponse(scram.clientFinal(challenge.data())).encode(ctx.alloc()));
    } else if (request instanceof AuthenticationSASLFinal outcome && scram != null) {
      if (!scram.verifyServerFinal(outcome.data())) {
        throw new ProtocolException("the server did not prove it knows the role's password");
      }
    } else if (!(request instanceof AuthenticationOk)) {
      throw new ProtocolException(
          "the server asked for an authentication method other than SCRAM-SHA-256");
    }
  }

  private void startRelay(ChannelHandlerContext ctx, ByteBuf readyForQuery) {
    if (backendKey == null) {
      throw new ProtocolException("the server sent no BackendKeyData");
    }
    done = true;
    Decision.Reject refusal = reading.refusal(entry.connectionMode());
    if (refusal != null) {
      LOG.warn("refusing a session on {}: {}", entry.logicalName(), refusal.message());
      ctx.writeAndFlush(Terminate.INSTANCE.encode(ctx.alloc())).addListener(f -> ctx.close());
      outcome.fatal(refusal);
      return;
    }
    server.established(backendKey, reported);
    outcome.ready(server, readyForQuery);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!done) {
      ctx.read();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!done) {
      outcome.fatal(ProxyErrors.serverClosedDuringStartup());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    done = true;
    ctx.close();
    outcome.fatal(ProxyErrors.serverConnectionFailed(cause.getMessage()));
  }
}
