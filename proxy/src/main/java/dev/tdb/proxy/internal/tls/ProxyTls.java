/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The proxy's server TLS context from a PEM certificate chain and PKCS#8 key, or from a self-signed
 * pair generated once and kept in a directory. BouncyCastle builds the certificate because the JDK
 * has no public API for it (only {@code sun.security.x509} internals or a keytool subprocess).
 */
public final class ProxyTls {
  /** File name of the generated certificate. */
  public static final String CERTIFICATE_FILE = "proxy.crt";

  /** File name of the generated key. */
  public static final String KEY_FILE = "proxy.key";

  private static final Duration VALIDITY = Duration.ofDays(3650);

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

  /** A server context from the pair in {@code directory}, generated there first when missing. */
  public static SslContext selfSigned(Path directory, String hostName) {
    Path certificate = directory.resolve(CERTIFICATE_FILE);
    Path key = directory.resolve(KEY_FILE);
    if (!Files.exists(certificate) || !Files.exists(key)) {
      generate(certificate, key, hostName);
    }
    return fromPem(certificate, key);
  }

  private static void generate(Path certificate, Path key, String hostName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(certificate.getParent());
      Path keyTemp = Files.createTempFile(key.getParent(), "proxy", ".key");
      Files.setPosixFilePermissions(keyTemp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(keyTemp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.move(keyTemp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      byte[] der = certificate(pair, hostName).getEncoded();
      Files.writeString(certificate, pem("CERTIFICATE", der));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the self-signed TLS certificate", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate a self-signed TLS certificate", e);
    }
  }

  private static X509Certificate certificate(KeyPair pair, String hostName)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=" + hostName);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
