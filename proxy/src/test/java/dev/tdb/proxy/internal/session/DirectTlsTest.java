/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.metrics.TestMetrics;
import dev.tdb.proxy.internal.tls.ProxyTls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DirectTlsTest {
  /** SSLRequest: length 8, request code 80877103. */
  private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

  /** The first bytes of a TLS ClientHello record. */
  private static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x00, 0x40};

  @Test
  void passesAStartupPacketOnUnchangedAndLeavesThePipeline() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new DirectTls(Optional.empty(), TestMetrics.create()));
    channel.writeInbound(Unpooled.wrappedBuffer(SSL_REQUEST));
    ByteBuf passed = channel.readInbound();
    try {
      assertThat(ByteBufUtil.getBytes(passed)).isEqualTo(SSL_REQUEST);
    } finally {
      passed.release();
    }
    assertThat(channel.pipeline().get(DirectTls.class)).isNull();
    assertThat(channel.pipeline().get(SslHandler.class)).isNull();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void closesADirectTlsConnectionWhenTlsIsDisabled() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new DirectTls(Optional.empty(), TestMetrics.create()));
    channel.writeInbound(Unpooled.wrappedBuffer(CLIENT_HELLO_START));
    assertThat(channel.isOpen()).isFalse();
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }

  @Test
  void putsTlsInPlaceForAConnectionThatOpensWithAHandshakeRecord(@TempDir Path dir) {
    DirectTls detector =
        new DirectTls(Optional.of(ProxyTls.generated(dir, "localhost")), TestMetrics.create());
    EmbeddedChannel channel = new EmbeddedChannel(detector);
    channel.writeInbound(Unpooled.wrappedBuffer(CLIENT_HELLO_START));
    assertThat(channel.pipeline().get(DirectTls.TLS)).isInstanceOf(SslHandler.class);
    assertThat(channel.pipeline().get(DirectTls.class)).isNull();
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }
}
