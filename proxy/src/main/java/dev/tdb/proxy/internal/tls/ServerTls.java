/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The proxy's TLS towards PostgreSQL servers, by a routing entry's {@code ssl_mode} with libpq's
 * meaning: {@code require} encrypts without checking the certificate, {@code verify-ca} checks it
 * against the trusted CAs, {@code verify-full} checks the host name as well. Thread-safe.
 */
public final class ServerTls {
  private final SslContext encrypted;
  private final SslContext verifyCa;
  private final SslContext verifyFull;

  private ServerTls(SslContext encrypted, SslContext verifyCa, SslContext verifyFull) {
    this.encrypted = encrypted;
    this.verifyCa = verifyCa;
    this.verifyFull = verifyFull;
  }

  /**
   * Contexts that trust the PEM certificates in {@code caFile}, or the JVM's default trust store.
   *
   * @throws UncheckedIOException when the CA file cannot be read
   */
  public static ServerTls create(Optional<Path> caFile) {
    try {
      return new ServerTls(
          // libpq's require: encrypted, but any certificate is accepted.
          SslContextBuilder.forClient()
              .trustManager(InsecureTrustManagerFactory.INSTANCE)
              .endpointIdentificationAlgorithm(null)
              .build(),
          trusting(caFile).endpointIdentificationAlgorithm(null).build(),
          trusting(caFile).endpointIdentificationAlgorithm("HTTPS").build());
    } catch (SSLException e) {
      throw new UncheckedIOException(
          new IOException("cannot build the TLS context for servers: " + e.getMessage(), e));
    }
  }

  private static SslContextBuilder trusting(Optional<Path> caFile) {
    SslContextBuilder builder = SslContextBuilder.forClient();
    caFile.ifPresent(file -> builder.trustManager(file.toFile()));
    return builder;
  }

  /**
   * The context for {@code sslMode}; empty for a mode that starts without TLS ({@code disable},
   * {@code allow}).
   */
  public Optional<SslContext> forMode(String sslMode) {
    return switch (sslMode) {
      case "prefer", "require" -> Optional.of(encrypted);
      case "verify-ca" -> Optional.of(verifyCa);
      case "verify-full" -> Optional.of(verifyFull);
      default -> Optional.empty();
    };
  }
}
