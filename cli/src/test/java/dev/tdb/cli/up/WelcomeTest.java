/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class WelcomeTest {
  @Test
  void keepsAPlainPathAsItIs() {
    assertThat(Welcome.encodePath(Path.of("/home/you/.tdb/proxy-tls/ca.crt")))
        .isEqualTo("/home/you/.tdb/proxy-tls/ca.crt");
  }

  @Test
  void escapesWhatAQueryValueCannotHoldAndNeverWritesPlusForASpace() {
    assertThat(Welcome.encodePath(Path.of("/home/a b/ü+%&=#.tdb/ca.crt")))
        .isEqualTo("/home/a%20b/%C3%BC%2B%25%26%3D%23.tdb/ca.crt");
  }

  @Test
  void pointsAtLoopbackForAWildcardAddressAndBracketsIpv6() {
    assertThat(Welcome.urlHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(Welcome.urlHost("::")).isEqualTo("127.0.0.1");
    assertThat(Welcome.urlHost("::1")).isEqualTo("[::1]");
    assertThat(Welcome.urlHost("db.example")).isEqualTo("db.example");
  }
}
