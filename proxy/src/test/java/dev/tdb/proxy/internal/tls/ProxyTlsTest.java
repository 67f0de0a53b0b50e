/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProxyTlsTest {
  private static final int KEY_CERT_SIGN = 5;
  private static final int DIGITAL_SIGNATURE = 0;

  @Test
  void aClientConnectionGetsRecordsOfAtMostPostgresqlsSize(@TempDir Path dir) throws Exception {
    EmbeddedChannel proxy =
        new EmbeddedChannel(
            ProxyTls.clientHandler(ProxyTls.generated(dir, "localhost"), ByteBufAllocator.DEFAULT));
    EmbeddedChannel client =
        new EmbeddedChannel(
            SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .build()
                .newHandler(ByteBufAllocator.DEFAULT));
    exchange(client, proxy);
    // A record of one byte shows what the cipher adds to the data of each record.
    proxy.writeAndFlush(Unpooled.wrappedBuffer(new byte[1]));
    int overhead = recordLengths(proxy).get(0) - 1;
    // A relay's writes: many small messages, then one larger than two records.
    for (int i = 0; i < 300; i++) {
      proxy.write(Unpooled.wrappedBuffer(new byte[101]));
    }
    proxy.writeAndFlush(Unpooled.wrappedBuffer(new byte[40_000]));

    List<Integer> lengths = recordLengths(proxy);
    assertThat(lengths.stream().mapToInt(length -> length - overhead).sum())
        .isEqualTo(300 * 101 + 40_000);
    assertThat(lengths).allMatch(length -> length - overhead <= ProxyTls.RECORD_DATA_SIZE);
    proxy.finishAndReleaseAll();
    client.finishAndReleaseAll();
  }

  /** The length fields of the TLS records {@code channel} wrote since the last call. */
  private static List<Integer> recordLengths(EmbeddedChannel channel) {
    List<Integer> lengths = new ArrayList<>();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      while (out.isReadable()) {
        int length = out.getUnsignedShort(out.readerIndex() + 3);
        lengths.add(length);
        out.skipBytes(5 + length);
      }
      out.release();
    }
    return lengths;
  }

  /** Passes handshake bytes between the two channels until neither has more to send. */
  private static void exchange(EmbeddedChannel client, EmbeddedChannel server) {
    boolean moved = true;
    while (moved) {
      moved = pass(client, server) | pass(server, client);
    }
  }

  private static boolean pass(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    for (ByteBuf out; (out = from.readOutbound()) != null; ) {
      to.writeInbound(out);
      moved = true;
    }
    return moved;
  }

  @Test
  void generatesALocalCaAndAProxyCertificateItSignsForEveryLocalName(@TempDir Path dir)
      throws Exception {
    ProxyTls.generated(dir, "db.example");

    X509Certificate ca = read(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE));
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThatCode(() -> ca.verify(ca.getPublicKey())).doesNotThrowAnyException();

    X509Certificate proxy = read(dir.resolve(ProxyTls.CERTIFICATE_FILE));
    assertThat(proxy.getBasicConstraints()).isEqualTo(-1);
    assertThat(proxy.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
    assertThat(proxy.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(proxy.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThatCode(() -> proxy.verify(ca.getPublicKey())).doesNotThrowAnyException();
    assertThat(names(proxy))
        .contains("DNS:db.example", "DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1");

    for (String key : List.of(ProxyTls.CA_KEY_FILE, ProxyTls.KEY_FILE)) {
      assertThat(Files.getPosixFilePermissions(dir.resolve(key)))
          .as(key)
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void aWildcardListenAddressIsNotANameButLoopbackIs(@TempDir Path dir) throws Exception {
    ProxyTls.generated(dir, "0.0.0.0");

    X509Certificate proxy = read(dir.resolve(ProxyTls.CERTIFICATE_FILE));
    assertThat(names(proxy)).doesNotContain("IP:0.0.0.0").contains("IP:127.0.0.1");
    assertThat(proxy.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
  }

  @Test
  void keepsTheCaAndCertificateAcrossStarts(@TempDir Path dir) throws Exception {
    ProxyTls.generated(dir, "127.0.0.1");
    byte[] ca = Files.readAllBytes(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE));
    byte[] proxy = Files.readAllBytes(dir.resolve(ProxyTls.CERTIFICATE_FILE));

    ProxyTls.generated(dir, "127.0.0.1");

    assertThat(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE)).hasBinaryContent(ca);
    assertThat(dir.resolve(ProxyTls.CERTIFICATE_FILE)).hasBinaryContent(proxy);
  }

  @Test
  void issuesTheProxyCertificateAgainFromTheSameCaWhenTheHostChanges(@TempDir Path dir)
      throws Exception {
    ProxyTls.generated(dir, "127.0.0.1");
    byte[] ca = Files.readAllBytes(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE));

    ProxyTls.generated(dir, "db.example");

    assertThat(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE)).hasBinaryContent(ca);
    X509Certificate proxy = read(dir.resolve(ProxyTls.CERTIFICATE_FILE));
    assertThat(names(proxy)).contains("DNS:db.example");
    assertThatCode(
            () -> proxy.verify(read(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE)).getPublicKey()))
        .doesNotThrowAnyException();
  }

  @Test
  void issuesANewCaAndCertificateWhenTheCaIsMissingAsBeforeVersionsWithOne(@TempDir Path dir)
      throws Exception {
    ProxyTls.generated(dir, "localhost");
    Files.delete(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE));
    Files.delete(dir.resolve(ProxyTls.CA_KEY_FILE));
    byte[] earlier = Files.readAllBytes(dir.resolve(ProxyTls.CERTIFICATE_FILE));

    ProxyTls.generated(dir, "localhost");

    assertThat(Files.readAllBytes(dir.resolve(ProxyTls.CERTIFICATE_FILE))).isNotEqualTo(earlier);
    X509Certificate ca = read(dir.resolve(ProxyTls.CA_CERTIFICATE_FILE));
    X509Certificate proxy = read(dir.resolve(ProxyTls.CERTIFICATE_FILE));
    assertThatCode(() -> proxy.verify(ca.getPublicKey())).doesNotThrowAnyException();
  }

  private static X509Certificate read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static Set<String> names(X509Certificate cert) throws Exception {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    return sans.stream()
        .map(san -> ((Integer) san.get(0) == 2 ? "DNS:" : "IP:") + san.get(1))
        .collect(Collectors.toSet());
  }
}
