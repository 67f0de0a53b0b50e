/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
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

  private ProxyTls() {}

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
