/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.proxy.internal.admin.AdminUnavailableException;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.frontend.InvalidStartupPacketException;
import dev.tdb.proxy.internal.relay.Revoked;
import dev.tdb.proxy.internal.relay.Shutdown;
import dev.tdb.proxy.internal.session.Unauthenticated.Admission;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection until its relay starts: runs the startup phases (TLS, StartupMessage, SCRAM,
 * routing, backend connection), each a small {@link Phase}. Frames arrive as typed or untyped
 * {@link ByteBuf}s from {@link Framing}; this handler releases every frame it is given.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  /** One phase of the startup; each frame goes to the current phase. */
  interface Phase {
    /** Handles one frame; the caller releases it. */
    void handle(ByteBuf frame) throws Exception;
  }

  private final ProxyServices services;
  // Confined to the channel's event loop (every callback and completion runs there): no volatile.
  private ChannelHandlerContext ctx;
  private Phase phase;
  private boolean paused;
  private Admission admission;
  private ScheduledFuture<?> authenticationTimer;

  /** A session that starts by waiting for SSLRequest, GSSENCRequest, CancelRequest or startup. */
  public ClientSession(ProxyServices services) {
    this.services = services;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.phase = new AwaitingStartup(this);
    admission = services.unauthenticated().admit();
    if (admission == Admission.DROPPED) {
      LOG.info("too many unauthenticated connections: closed {}", remote());
      ctx.close();
      return;
    }
    ctx.channel().closeFuture().addListener(closed -> leaveUnauthenticated());
    authenticationTimer =
        ctx.executor()
            .schedule(
                this::authenticationTimedOut,
                services.config().authentication().timeout().toNanos(),
                TimeUnit.NANOSECONDS);
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    ByteBuf frame = (ByteBuf) msg;
    try {
      phase.handle(frame);
    } finally {
      frame.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    if (!paused && ctx.channel().isActive() && ctx.pipeline().get(ClientSession.class) == this) {
      ctx.read();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof Shutdown) {
      // Not relaying yet: nothing runs on a server, so the session ends at once.
      this.ctx = ctx;
      fatal(ProxyErrors.shuttingDown());
    } else if (event instanceof Revoked revoked) {
      this.ctx = ctx;
      fatal(ProxyErrors.credentialRevoked(revoked.user()));
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof InvalidStartupPacketException) {
      // As PostgreSQL: logged, never answered (clients such as node-postgres rely on silence).
      LOG.info("{}: closed {}", root.getMessage(), remote());
      paused = true;
      ctx.close();
    } else if (root instanceof TooLongFrameException || root instanceof CorruptedFrameException) {
      fatal(ProxyErrors.protocolViolation("invalid message length: " + root.getMessage()));
    } else if (root instanceof ProtocolException) {
      fatal(ProxyErrors.protocolViolation("protocol violation: " + root.getMessage()));
    } else {
      LOG.debug("client connection failed", cause);
      ctx.close();
    }
  }

  /** Whether this connection came past the cap on unauthenticated connections. */
  boolean refused() {
    return admission == Admission.REFUSED;
  }

  /**
   * The client authenticated: stops the authentication timeout, gives back its place among the
   * unauthenticated connections, and accepts messages up to the relay's limit from now on.
   */
  void authenticated() {
    authenticationTimer.cancel(false);
    leaveUnauthenticated();
    ((Framing.TypedFrames) ctx.pipeline().get(Framing.NAME))
        .limit(services.config().maxMessageBytes());
  }

  private void leaveUnauthenticated() {
    if (admission != null) {
      services.unauthenticated().release(admission);
      admission = null;
    }
  }

  /**
   * PostgreSQL's {@code authentication_timeout}: before the startup packet it closes without a
   * word; after it, the client is waiting for an answer and gets {@code 57014}, the SQLSTATE
   * PostgreSQL logs (it sends nothing, for reasons of its signal handling, not of the protocol).
   */
  private void authenticationTimedOut() {
    if (!ctx.channel().isActive()) {
      return;
    }
    LOG.info("canceling authentication due to timeout: closed {}", remote());
    if (phase instanceof AwaitingStartup) {
      paused = true;
      ctx.close();
    } else {
      fatal(ProxyErrors.authenticationTimeout(services.config().authentication().timeout()));
    }
  }

  private String remote() {
    return String.valueOf(ctx.channel().remoteAddress());
  }

  ProxyServices services() {
    return services;
  }

  ChannelHandlerContext ctx() {
    return ctx;
  }

  void become(Phase next) {
    this.phase = next;
  }

  /** Sends a FATAL error and closes the connection once it is written. */
  void fatal(Decision.Reject error) {
    services.metrics().refusal(error.sqlState());
    paused = true;
    phase = frame -> {};
    ctx.writeAndFlush(ErrorResponse.fatal(error).encode(ctx.alloc()))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Stops reading until {@code future} completes, then runs {@code then} on the event loop and
   * reads again unless {@code then} paused the session once more.
   */
  <T> void await(CompletableFuture<T> future, Consumer<T> then) {
    await(future, then, this::adminFailed);
  }

  /** Like {@link #await(CompletableFuture, Consumer)}, with {@code failed} for a failed future. */
  <T> void await(CompletableFuture<T> future, Consumer<T> then, Consumer<Throwable> failed) {
    paused = true;
    future.whenComplete(
        (value, failure) ->
            ctx.executor()
                .execute(
                    () -> {
                      paused = false;
                      if (!ctx.channel().isActive()) {
                        return;
                      }
                      if (failure != null) {
                        failed.accept(
                            failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
                      } else {
                        then.accept(value);
                      }
                      if (!paused) {
                        ctx.read();
                      }
                    }));
  }

  /** Stops reading the client until {@link #resume} (the relay takes over reading). */
  void pause() {
    paused = true;
  }

  private void adminFailed(Throwable cause) {
    // An outage fails every connect: expected failures are not worth a stack trace each.
    boolean expected = cause instanceof AdminUnavailableException || cause instanceof IOException;
    if (expected) {
      LOG.debug("admin lookup failed", cause);
    } else {
      LOG.warn("admin lookup failed", cause);
    }
    fatal(ProxyErrors.adminUnreachable());
  }
}
