/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.internal.admin.AdminLookup;
import dev.tdb.proxy.internal.admin.VerifierCache;
import dev.tdb.proxy.internal.auth.DecoyCredentials;
import dev.tdb.proxy.internal.auth.SaltedPasswords;
import dev.tdb.proxy.internal.metrics.TestMetrics;
import dev.tdb.proxy.internal.pool.ServerPool;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.frontend.CancelRequest;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import dev.tdb.proxy.internal.protocol.frontend.GSSENCRequest;
import dev.tdb.proxy.internal.protocol.frontend.SASLInitialResponse;
import dev.tdb.proxy.internal.protocol.frontend.SSLRequest;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import dev.tdb.proxy.internal.tls.ServerTls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client session before authentication, on an embedded channel: what bad lengths, slow clients
 * and too many clients get. No admin service is needed: the user is not an account user.
 */
final class PreAuthenticationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_PENDING = 2;

  @TempDir Path tlsDirectory;
  private ProxyServices services;

  @BeforeEach
  void services() {
    URI nowhere = URI.create("http://127.0.0.1:1");
    ProxyConfig config =
        ProxyConfig.of("127.0.0.1", 0, nowhere, "key", tlsDirectory).toBuilder()
            .tls(ProxyConfig.Tls.disabled())
            .authentication(new ProxyConfig.Authentication(TIMEOUT, MAX_PENDING))
            .build();
    SecureRandom random = new SecureRandom();
    services =
        new ProxyServices(
            config,
            Optional.empty(),
            ServerTls.create(Optional.empty()),
            new VerifierCache(
                new AdminLookup(nowhere, "key", Optional.empty(), Duration.ofSeconds(1)),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5)),
            new RoutingClient(RoutingClient.Options.of(nowhere, new AdminCredentials.ApiKey("k"))),
            SqlClassifier.create(),
            new CancelRegistry(random),
            new ServerPool(config.pool(), waited -> {}),
            new Unauthenticated(MAX_PENDING),
            new SaltedPasswords(),
            new DecoyCredentials(random),
            random,
            Optional.empty(),
            Optional.empty(),
            TestMetrics.create());
  }

  @AfterEach
  void close() {
    services.routing().close();
  }

  @Test
  void closesSilentlyOnAStartupPacketOfAnImpossibleLength() {
    for (int length : new int[] {0, 7, 10_001, 1 << 30}) {
      EmbeddedChannel client = connect();
      client.writeInbound(Unpooled.buffer(4).writeInt(length));
      assertThat(client.isOpen()).as("length %d", length).isFalse();
      assertThat(sent(client)).as("length %d", length).isEmpty();
      client.finishAndReleaseAll();
    }
  }

  @Test
  void closesSilentlyOnACancelRequestOfAnotherLength() {
    EmbeddedChannel client = connect();
    client.writeInbound(
        Unpooled.buffer(20).writeInt(20).writeInt(CancelRequest.CODE).writeZero(12));
    assertThat(client.isOpen()).isFalse();
    assertThat(sent(client)).isEmpty();
    client.finishAndReleaseAll();
  }

  @Test
  void answersAnOversizeSaslMessageWithInvalidMessageLength() {
    EmbeddedChannel client = startup();
    client.writeInbound(Unpooled.buffer(5).writeByte('p').writeInt(1 << 30));
    List<ErrorResponse> errors = errors(client);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).sqlState()).isEqualTo("08P01");
    assertThat(errors.get(0).message()).startsWith("invalid message length");
    assertThat(client.isOpen()).isFalse();
    client.finishAndReleaseAll();
  }

  @Test
  void answersEachNegotiationOnceAndASecondOneWithAProtocolViolation() {
    for (int code : new int[] {SSLRequest.CODE, GSSENCRequest.CODE}) {
      EmbeddedChannel client = connect();
      client.writeInbound(Unpooled.buffer(8).writeInt(8).writeInt(code));
      client.writeInbound(Unpooled.buffer(8).writeInt(8).writeInt(code));
      ByteBuf no = client.readOutbound();
      assertThat(no.readByte()).isEqualTo((byte) 'N');
      no.release();
      assertThat(errors(client)).extracting(ErrorResponse::sqlState).containsExactly("08P01");
      assertThat(client.isOpen()).isFalse();
      client.finishAndReleaseAll();
    }
  }

  @Test
  void refusesASecondSaslInitialResponseWhileTheFirstIsAnswered() {
    EmbeddedChannel client = startup();
    sent(client).forEach(ByteBuf::release);
    ByteBuf initial = Unpooled.buffer();
    for (int i = 0; i < 2; i++) {
      ByteBuf one =
          new SASLInitialResponse("SCRAM-SHA-256", "n,,n=,r=abc").encode(ByteBufAllocator.DEFAULT);
      initial.writeBytes(one);
      one.release();
    }
    client.writeInbound(initial);
    client.runPendingTasks();
    assertThat(errors(client)).extracting(ErrorResponse::sqlState).containsExactly("08P01");
    assertThat(client.isOpen()).isFalse();
    client.finishAndReleaseAll();
  }

  @Test
  void answersASaslInitialResponseCutShortWithAProtocolViolation() {
    EmbeddedChannel client = startup();
    sent(client).forEach(ByteBuf::release);
    // The mechanism, then nothing where the data's length belongs.
    ByteBuf cut = Wire.begin(ByteBufAllocator.DEFAULT, FrontendType.PASSWORD_MESSAGE);
    Wire.writeCString(cut, "SCRAM-SHA-256");
    client.writeInbound(Wire.finish(cut));
    client.runPendingTasks();
    List<ErrorResponse> errors = errors(client);
    assertThat(errors).extracting(ErrorResponse::sqlState).containsExactly("08P01");
    assertThat(errors.get(0).message()).endsWith("insufficient data left in message");
    assertThat(client.isOpen()).isFalse();
    client.finishAndReleaseAll();
  }

  @Test
  void closesSilentlyWhenNoStartupPacketArrivesInTime() {
    EmbeddedChannel client = connect();
    client.writeInbound(Unpooled.buffer(2).writeShort(0));
    client.advanceTimeBy(TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
    client.runScheduledPendingTasks();
    assertThat(client.isOpen()).isTrue();

    client.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    client.runScheduledPendingTasks();
    assertThat(client.isOpen()).isFalse();
    assertThat(sent(client)).isEmpty();
    client.finishAndReleaseAll();
  }

  @Test
  void cancelsAnAuthenticationThatTakesTooLong() {
    EmbeddedChannel client = startup();
    client.advanceTimeBy(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    client.runScheduledPendingTasks();
    List<ErrorResponse> errors = errors(client);
    assertThat(errors).extracting(ErrorResponse::sqlState).containsExactly("57014");
    assertThat(errors.get(0).message()).isEqualTo("canceling authentication due to timeout");
    assertThat(client.isOpen()).isFalse();
    client.finishAndReleaseAll();
  }

  @Test
  void refusesConnectionsPastTheCapUntilOneLeaves() {
    List<EmbeddedChannel> pending = new ArrayList<>();
    for (int i = 0; i < MAX_PENDING; i++) {
      pending.add(connect());
    }
    EmbeddedChannel refused = startup();
    assertThat(errors(refused)).extracting(ErrorResponse::sqlState).containsExactly("53300");
    assertThat(refused.isOpen()).isFalse();

    List<EmbeddedChannel> refusing = new ArrayList<>();
    for (int i = 0; i < MAX_PENDING; i++) {
      refusing.add(connect());
    }
    EmbeddedChannel dropped = connect();
    assertThat(dropped.isOpen()).isFalse();
    assertThat(sent(dropped)).isEmpty();

    pending.get(0).close();
    refusing.forEach(EmbeddedChannel::close);
    EmbeddedChannel admitted = startup();
    assertThat(errors(admitted)).isEmpty();
    assertThat(admitted.isOpen()).isTrue();

    pending.forEach(EmbeddedChannel::finishAndReleaseAll);
    refusing.forEach(EmbeddedChannel::finishAndReleaseAll);
    List.of(refused, dropped, admitted).forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  private EmbeddedChannel connect() {
    EmbeddedChannel client = new EmbeddedChannel(false, false);
    client.pipeline().addLast(Framing.NAME, Framing.startup()).addLast(new ClientSession(services));
    try {
      client.register();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return client;
  }

  /** A connected client that sent its StartupMessage as user "alice". */
  private EmbeddedChannel startup() {
    EmbeddedChannel client = connect();
    client.writeInbound(
        new StartupMessage(Map.of("user", "alice", "database", "d"))
            .encode(ByteBufAllocator.DEFAULT));
    return client;
  }

  private static List<ByteBuf> sent(EmbeddedChannel client) {
    List<ByteBuf> out = new ArrayList<>();
    for (ByteBuf buf; (buf = client.readOutbound()) != null; ) {
      out.add(buf);
    }
    return out;
  }

  private static List<ErrorResponse> errors(EmbeddedChannel client) {
    List<ErrorResponse> errors = new ArrayList<>();
    for (ByteBuf buf : sent(client)) {
      try {
        if (buf.getByte(0) == BackendType.ERROR_RESPONSE) {
          errors.add(ErrorResponse.decode(buf));
        }
      } finally {
        buf.release();
      }
    }
    return errors;
  }
}
