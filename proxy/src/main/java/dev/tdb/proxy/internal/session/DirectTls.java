/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.tls.Alpn;
import dev.tdb.proxy.internal.tls.ProxyTls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a client connection: tells PostgreSQL 17's direct TLS ({@code
 * sslnegotiation=direct}, the connection opens with a TLS handshake record) from the protocol's
 * startup packets, whose first byte is the high byte of a small length. On direct TLS it puts an
 * {@link SslHandler} in its place, and after the handshake closes a connection that did not
 * negotiate ALPN {@code postgresql}, as PostgreSQL 17 does (it tells the client nothing). Either
 * way it leaves the pipeline and hands the bytes it read to the next handler.
 */
public final class DirectTls extends ByteToMessageDecoder {
  /** The pipeline name of this handler. */
  public static final String NAME = "direct-tls";

  /** The pipeline name of the {@link SslHandler} of a client connection, on either TLS path. */
  static final String TLS = "tls";

  private static final Logger LOG = LoggerFactory.getLogger(DirectTls.class);

  /** TLS record type {@code handshake}: the first byte of a ClientHello. */
  private static final byte HANDSHAKE_RECORD = 0x16;

  private final Optional<SslContext> tls;
  private final ProxyMetrics metrics;

  /**
   * A detector that answers direct TLS with {@code tls}, or closes it when TLS is disabled; counts
   * handshakes in {@code metrics}.
   */
  public DirectTls(Optional<SslContext> tls, ProxyMetrics metrics) {
    this.tls = tls;
    this.metrics = metrics;
  }

  /** Counts the handshake of {@code handler} in {@code metrics} once it succeeds or fails. */
  static void countHandshake(SslHandler handler, ProxyMetrics metrics) {
    handler.handshakeFuture().addListener(done -> metrics.tlsHandshake(done.isSuccess()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    if (in.getByte(in.readerIndex()) == HANDSHAKE_RECORD) {
      if (tls.isEmpty()) {
        LOG.debug("direct TLS connection refused: TLS is disabled");
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      SslHandler handler = ProxyTls.clientHandler(tls.get(), ctx.alloc());
      countHandshake(handler, metrics);
      ctx.pipeline().addAfter(ctx.name(), TLS, handler);
      ctx.pipeline().addAfter(TLS, AlpnRequired.NAME, new AlpnRequired(handler));
    }
    // Removal passes the bytes read so far to the next handler: the SslHandler or the framing.
    ctx.pipeline().remove(this);
  }

  /**
   * Closes a direct TLS connection whose handshake chose no ALPN protocol, and drops what the
   * client sends after that; leaves the pipeline once the handshake is done right. Releases what it
   * drops.
   */
  private static final class AlpnRequired extends ChannelInboundHandlerAdapter {
    static final String NAME = "alpn-required";

    private final SslHandler handler;
    // Confined to the channel's event loop: no volatile.
    private boolean refused;

    AlpnRequired(SslHandler handler) {
      this.handler = handler;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
        if (Alpn.POSTGRESQL.equals(handler.applicationProtocol())) {
          ctx.pipeline().remove(this);
        } else {
          LOG.debug("direct TLS connection without ALPN postgresql refused");
          refused = true;
          ctx.close();
          return;
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (refused) {
        ReferenceCountUtil.release(msg);
      } else {
        ctx.fireChannelRead(msg);
      }
    }
  }
}
