/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.ProxyConfig.TlsMode;
import dev.tdb.proxy.internal.auth.ScramServer;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationSASL;
import dev.tdb.proxy.internal.protocol.backend.NegotiateProtocolVersion;
import dev.tdb.proxy.internal.protocol.frontend.CancelRequest;
import dev.tdb.proxy.internal.protocol.frontend.GSSENCRequest;
import dev.tdb.proxy.internal.protocol.frontend.SSLRequest;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import dev.tdb.proxy.internal.protocol.frontend.StartupPacket;
import dev.tdb.proxy.internal.tls.ProxyTls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.Optional;

/** The first phase: TLS and GSS negotiation, cancel requests, then the StartupMessage. */
final class AwaitingStartup implements ClientSession.Phase {
  private final ClientSession session;
  // As PostgreSQL: one answer to each negotiation, so a client cannot make the proxy write (and
  // buffer, if it never reads) answers without end. Confined to the event loop: no volatile.
  private boolean sslAnswered;
  private boolean gssAnswered;

  AwaitingStartup(ClientSession session) {
    this.session = session;
  }

  @Override
  public void handle(ByteBuf frame) {
    StartupPacket packet = StartupPacket.decode(frame);
    if (packet instanceof SSLRequest) {
      if (sslAnswered) {
        throw new ProtocolException("a second SSLRequest");
      }
      sslAnswered = true;
      handleSslRequest();
    } else if (packet instanceof GSSENCRequest) {
      if (gssAnswered) {
        throw new ProtocolException("a second GSSENCRequest");
      }
      gssAnswered = true;
      session.ctx().write(session.ctx().alloc().buffer(1).writeByte(GSSENCRequest.UNWILLING));
    } else if (packet instanceof CancelRequest cancel) {
      session.pause();
      Cancels.forward(session.ctx(), session.services().cancels(), cancel);
    } else {
      handleStartup((StartupMessage) packet);
    }
  }

  private void handleSslRequest() {
    ChannelHandlerContext ctx = session.ctx();
    Optional<SslContext> tls = session.services().tls();
    if (tlsActive()) {
      throw new ProtocolException("SSLRequest inside TLS");
    }
    Framing.StartupFrames frames = (Framing.StartupFrames) ctx.pipeline().get(Framing.NAME);
    if (frames.hasBufferedBytes()) {
      // Bytes sent before the handshake could be injected by anyone on the path (CVE-2021-23214).
      throw new ProtocolException("unencrypted data after SSLRequest");
    }
    if (tls.isEmpty()) {
      ctx.write(ctx.alloc().buffer(1).writeByte(SSLRequest.UNWILLING));
      return;
    }
    ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(SSLRequest.WILLING));
    SslHandler handler = ProxyTls.clientHandler(tls.get(), ctx.alloc());
    DirectTls.countHandshake(handler, session.services().metrics());
    ctx.pipeline().addFirst(DirectTls.TLS, handler);
  }

  /** Whether TLS runs, after an SSLRequest or because the connection began with a handshake. */
  private boolean tlsActive() {
    return session.ctx().pipeline().get(DirectTls.TLS) != null;
  }

  /** Answers a startup that cannot go on with PostgreSQL's error for it; true when it did. */
  private boolean refused(String user) {
    if (session.refused()) {
      // Past the cap, as PostgreSQL's dead-end backends: told once the startup packet is read.
      session.fatal(
          ProxyErrors.tooManyUnauthenticated(
              session.services().config().authentication().maxPending()));
    } else if (!tlsActive() && session.services().config().tls().mode() == TlsMode.REQUIRED) {
      session.fatal(ProxyErrors.tlsRequired());
    } else if (user == null || user.isEmpty()) {
      session.fatal(ProxyErrors.noUser());
    } else {
      return false;
    }
    return true;
  }

  private void handleStartup(StartupMessage startup) {
    String user = startup.parameter("user");
    String database = startup.parameter("database");
    if (refused(user)) {
      return;
    }
    ChannelHandlerContext ctx = session.ctx();
    ctx.pipeline()
        .replace(Framing.NAME, Framing.NAME, Framing.typed(Framing.MAX_AUTHENTICATION_BYTES));
    NegotiateProtocolVersion negotiation =
        NegotiateProtocolVersion.answering(startup.minorVersion(), startup.protocolOptions());
    if (negotiation != null) {
      ctx.write(negotiation.encode(ctx.alloc()));
    }
    ctx.write(new AuthenticationSASL(List.of(ScramServer.MECHANISM)).encode(ctx.alloc()));
    session.become(
        new Authenticating(
            session, startup, database == null || database.isEmpty() ? user : database));
  }
}
