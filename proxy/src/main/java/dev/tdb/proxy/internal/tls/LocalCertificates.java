/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A local certificate authority kept in a directory and the proxy certificate it signs. Clients
 * verify the proxy by naming the CA's file as {@code sslrootcert}, so the CA stays while the
 * proxy's certificate is issued again whenever it no longer fits the host it listens on.
 */
final class LocalCertificates {
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final int SAN_IP_ADDRESS = 7;

  private final Path caCertificate;
  private final Path caKey;
  private final Path certificate;
  private final Path key;
  private final SecureRandom random = new SecureRandom();

  LocalCertificates(Path directory) {
    this.caCertificate = directory.resolve(ProxyTls.CA_CERTIFICATE_FILE);
    this.caKey = directory.resolve(ProxyTls.CA_KEY_FILE);
    this.certificate = directory.resolve(ProxyTls.CERTIFICATE_FILE);
    this.key = directory.resolve(ProxyTls.KEY_FILE);
  }

  /**
   * Makes sure the directory holds a CA and a proxy certificate it signed that names {@code
   * hostName}: creates the CA when it is missing (replacing the self-signed pair of versions before
   * the CA), and issues the proxy certificate again when it is missing, expired, not the CA's, or
   * does not name the host.
   */
  void ensure(String hostName) {
    try {
      Files.createDirectories(certificate.getParent());
      if (!Files.exists(caCertificate) || !Files.exists(caKey)) {
        KeyPair ca = newKeyPair();
        X509Certificate caCert = caCertificate(ca);
        writeKey(caKey, ca.getPrivate());
        writeCertificate(caCertificate, caCert);
        issue(caCert, ca.getPrivate(), hostName);
        return;
      }
      X509Certificate caCert = read(caCertificate);
      if (!fits(caCert, hostName)) {
        issue(caCert, readKey(caKey), hostName);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the proxy's TLS certificate", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate the proxy's TLS certificate", e);
    }
  }

  private boolean fits(X509Certificate caCert, String hostName)
      throws IOException, GeneralSecurityException {
    if (!Files.exists(certificate) || !Files.exists(key)) {
      return false;
    }
    X509Certificate current = read(certificate);
    try {
      current.verify(caCert.getPublicKey());
      current.checkValidity();
    } catch (GeneralSecurityException e) {
      return false;
    }
    return isWildcard(hostName) || names(current).contains(canonical(hostName));
  }

  private void issue(X509Certificate caCert, PrivateKey caPrivate, String hostName)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair pair = newKeyPair();
    X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
    String commonName = isWildcard(hostName) ? "localhost" : hostName;
    JcaX509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=" + commonName), pair);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostName))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            extensions.createSubjectKeyIdentifier(pair.getPublic()))
        .addExtension(
            Extension.authorityKeyIdentifier,
            false,
            extensions.createAuthorityKeyIdentifier(caCert));
    X509Certificate issued = sign(builder, caPrivate);
    writeKey(key, pair.getPrivate());
    writeCertificate(certificate, issued);
  }

  private X509Certificate caCertificate(KeyPair ca)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    // A name of its own per install, so two installs' CAs never pass for each other by name.
    byte[] id = new byte[4];
    random.nextBytes(id);
    X500Name subject = new X500Name("CN=tdb local CA " + HexFormat.of().formatHex(id));
    JcaX509v3CertificateBuilder builder = builder(subject, subject, ca);
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.getPublic()));
    return sign(builder, ca.getPrivate());
  }

  private JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, random),
        Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  /**
   * The names clients reach the proxy by: the host it listens on (unless that is a wildcard
   * address), {@code localhost}, the loopback addresses and the machine's host name.
   */
  private static GeneralNames subjectAlternativeNames(String hostName) {
    Set<String> names = new LinkedHashSet<>();
    if (!isWildcard(hostName)) {
      names.add(hostName);
    }
    names.add("localhost");
    names.add("127.0.0.1");
    names.add("::1");
    machineHostName().ifPresent(names::add);
    List<GeneralName> general = new ArrayList<>();
    for (String name : names) {
      general.add(
          isIpAddress(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    return new GeneralNames(general.toArray(GeneralName[]::new));
  }

  private static Optional<String> machineHostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return isIpAddress(name) ? Optional.empty() : Optional.of(name);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The certificate's DNS names as they are and its IP addresses in canonical form. */
  private static Set<String> names(X509Certificate cert) throws GeneralSecurityException {
    Set<String> names = new LinkedHashSet<>();
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans == null) {
      return names;
    }
    for (List<?> san : sans) {
      String value = (String) san.get(1);
      names.add(((Integer) san.get(0)) == SAN_IP_ADDRESS ? canonical(value) : value);
    }
    return names;
  }

  private static String canonical(String name) {
    if (!isIpAddress(name)) {
      return name;
    }
    try {
      // A literal address: no lookup happens.
      return InetAddress.getByName(name).getHostAddress();
    } catch (UnknownHostException e) {
      return name;
    }
  }

  private static boolean isIpAddress(String name) {
    return NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name);
  }

  private static boolean isWildcard(String hostName) {
    if (hostName.isEmpty()) {
      return true;
    }
    try {
      return isIpAddress(hostName) && InetAddress.getByName(hostName).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509Certificate read(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    String body =
        Files.readString(file)
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "");
    byte[] der = Base64.getMimeDecoder().decode(body);
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** Writes the key readable by its owner only, never visible half-written or to others. */
  private static void writeKey(Path file, PrivateKey privateKey) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(temp, pem("PRIVATE KEY", privateKey.getEncoded()));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void writeCertificate(Path file, X509Certificate cert)
      throws IOException, GeneralSecurityException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(temp, pem("CERTIFICATE", cert.getEncoded()));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
