/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.frontend.SSLRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.function.Consumer;

/**
 * The first handler of a backend connection whose {@code ssl_mode} asks for TLS: sends SSLRequest,
 * reads the server's one-byte answer, and on {@code 'S'} puts an {@link SslHandler} in its place.
 * The rest of the pipeline sees {@code channelActive} only once the connection is ready for the
 * StartupMessage (TLS established, or refused by a server under {@code prefer}). Releases what it
 * reads.
 */
final class ServerTlsNegotiation extends ChannelInboundHandlerAdapter {
  private final SslContext tls;
  private final String host;
  private final int port;
  private final boolean required;
  private final Consumer<Decision.Reject> fatal;

  /**
   * A negotiation with {@code tls} towards {@code host:port}.
   *
   * @param fatal ends the startup with the proxy's error
   * @param required whether a server that answers {@code 'N'} is refused ({@code require} and
   *     {@code verify-*}) rather than used without TLS ({@code prefer})
   */
  ServerTlsNegotiation(
      SslContext tls, String host, int port, boolean required, Consumer<Decision.Reject> fatal) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.required = required;
    this.fatal = fatal;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(SSLRequest.INSTANCE.encode(ctx.alloc()));
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf answer = (ByteBuf) msg;
    try {
      if (answer.readableBytes() != 1) {
        // Bytes after the answer came before TLS: anyone on the path could have sent them.
        throw new ProtocolException("the server sent data after its answer to SSLRequest");
      }
      switch (answer.readByte()) {
        case SSLRequest.WILLING -> startTls(ctx);
        case SSLRequest.UNWILLING -> refused(ctx);
        default ->
            throw new ProtocolException("the server answered SSLRequest with neither S nor N");
      }
    } finally {
      answer.release();
    }
  }

  private void startTls(ChannelHandlerContext ctx) {
    SslHandler handler = tls.newHandler(ctx.alloc(), host, port);
    ctx.pipeline().replace(this, "tls", handler);
    handler
        .handshakeFuture()
        .addListener(
            done -> {
              if (done.isSuccess()) {
                ctx.channel().pipeline().fireChannelActive();
              } else {
                ctx.channel().close();
                fatal.accept(ProxyErrors.serverTlsFailed(done.cause().getMessage()));
              }
            });
    // With AUTO_READ off the handshake reads only when asked.
    ctx.channel().read();
  }

  private void refused(ChannelHandlerContext ctx) {
    if (required) {
      ctx.close();
      fatal.accept(ProxyErrors.serverTlsUnsupported());
      return;
    }
    ctx.pipeline().remove(this);
    ctx.channel().pipeline().fireChannelActive();
  }
}
