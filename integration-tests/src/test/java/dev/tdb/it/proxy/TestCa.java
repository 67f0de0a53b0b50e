/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run, issuing server certificates for PostgreSQL: the CA
 * a cluster's certificate chains to under {@code ssl_mode} {@code verify-ca} and {@code
 * verify-full}. Certificates and keys come as PEM text (keys as PKCS#8), as PostgreSQL reads them.
 */
final class TestCa {
  private static final Duration VALIDITY = Duration.ofDays(2);

  private final X500Name name;
  private final KeyPair pair;
  private final X509Certificate certificate;

  /** A server certificate and its key, as PEM. */
  record Issued(String certificatePem, String keyPem) {
    /** The certificate, parsed. */
    X509Certificate certificate() throws GeneralSecurityException {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
    }
  }

  private TestCa(X500Name name, KeyPair pair, X509Certificate certificate) {
    this.name = name;
    this.pair = pair;
    this.certificate = certificate;
  }

  /** A new CA with its own key, named {@code commonName}. */
  static TestCa create(String commonName) throws GeneralSecurityException {
    X500Name name = new X500Name("CN=" + commonName);
    KeyPair pair = keyPair();
    X509v3CertificateBuilder builder = builder(name, name, pair);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestCa(name, pair, sign(builder, pair));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The CA certificate as PEM, the file a client trusts. */
  String certificatePem() throws GeneralSecurityException {
    return pem("CERTIFICATE", certificate.getEncoded());
  }

  /**
   * A server certificate signed by this CA whose subject alternative names are {@code names}: IP
   * addresses where the text is one ({@code 127.0.0.1}), DNS names otherwise.
   */
  Issued issue(String... names) throws GeneralSecurityException {
    KeyPair server = keyPair();
    X509v3CertificateBuilder builder = builder(name, new X500Name("CN=" + names[0]), server);
    GeneralName[] alternatives = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      alternatives[i] =
          Character.isDigit(names[i].charAt(0))
              ? new GeneralName(GeneralName.iPAddress, names[i])
              : new GeneralName(GeneralName.dNSName, names[i]);
    }
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(
        pem("CERTIFICATE", sign(builder, pair).getEncoded()),
        pem("PRIVATE KEY", server.getPrivate().getEncoded()));
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair subjectPair) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        subjectPair.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
