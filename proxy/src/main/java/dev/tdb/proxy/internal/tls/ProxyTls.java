/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The proxy's server TLS context from a PEM certificate chain and PKCS#8 key, or from a certificate
 * signed by a local CA, both generated once and kept in a directory. BouncyCastle builds the
 * certificates because the JDK has no public API for it (only {@code sun.security.x509} internals
 * or a keytool subprocess).
 */
public final class ProxyTls {
  /** File name of the local CA's certificate, the file clients name as {@code sslrootcert}. */
  public static final String CA_CERTIFICATE_FILE = "ca.crt";

  /** File name of the local CA's key. */
  public static final String CA_KEY_FILE = "ca.key";

  /** File name of the generated proxy certificate. */
  public static final String CERTIFICATE_FILE = "proxy.crt";

  /** File name of the generated proxy key. */
  public static final String KEY_FILE = "proxy.key";

  /**
   * Plaintext bytes in one TLS record the proxy writes to a client: PostgreSQL flushes its 8 KiB
   * send buffer ({@code PQ_SEND_BUFFER_SIZE}) with one {@code SSL_write}, one record, so small
   * messages reach a client in records of at most 8 KiB. libpq keeps at least 8 KiB free in its
   * input buffer and reads once per {@code PQconsumeInput}, so such a record is always read whole.
   * Of a 16 KiB record (Netty's default, the protocol's maximum) it may take part and leave the
   * rest decrypted inside OpenSSL with the socket empty; a client that then waits for the socket
   * (psycopg 3.1 reading {@code COPY … TO STDOUT}) waits forever.
   */
  public static final int RECORD_DATA_SIZE = 8192;

  private ProxyTls() {}

  /**
   * The TLS handler of a client connection, on the SSLRequest and the direct TLS path alike, whose
   * records carry at most {@link #RECORD_DATA_SIZE} bytes.
   */
  public static SslHandler clientHandler(SslContext context, ByteBufAllocator alloc) {
    SslHandler handler = context.newHandler(alloc);
    handler.setWrapDataSize(RECORD_DATA_SIZE);
    return handler;
  }

  /**
   * A server context from PEM files.
   *
   * @throws UncheckedIOException naming the files when they cannot be read as a certificate and key
   */
  public static SslContext fromPem(Path certificate, Path key) {
    try {
      // PostgreSQL 17 negotiates ALPN on both the SSLRequest and the direct TLS path.
      return SslContextBuilder.forServer(certificate.toFile(), key.toFile())
          .applicationProtocolConfig(Alpn.SERVER)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          new IOException("cannot load TLS certificate " + certificate + " and key " + key, e));
    }
  }

  /**
   * A server context from the certificate in {@code directory} that the local CA there signed for
   * {@code hostName}; the CA and the certificate are generated first when missing or unfit.
   */
  public static SslContext generated(Path directory, String hostName) {
    new LocalCertificates(directory).ensure(hostName);
    return fromPem(directory.resolve(CERTIFICATE_FILE), directory.resolve(KEY_FILE));
  }
}
