/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

final class SecretBoxTest {
  private final SecretBox box = new SecretBox(RandomTokens.bytes(32));

  @Test
  void opensWhatItSealed() {
    String sealed = box.seal("hunter2 ✓", "tenant/a__b");
    assertThat(sealed).startsWith("v1.").doesNotContain("hunter2");
    assertThat(box.open(sealed, "tenant/a__b")).isEqualTo("hunter2 ✓");
  }

  @Test
  void usesAFreshNonceEveryTime() {
    assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
  }

  @Test
  void refusesAnotherContextAnotherKeyOrTampering() {
    String sealed = box.seal("hunter2", "cluster/one");
    assertThatThrownBy(() -> box.open(sealed, "cluster/two"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("hunter2");
    SecretBox other = new SecretBox(RandomTokens.bytes(32));
    assertThatThrownBy(() -> other.open(sealed, "cluster/one"))
        .isInstanceOf(IllegalStateException.class);
    // Flip a bit of the ciphertext itself: the last base64 character also carries padding bits.
    byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring("v1.".length()));
    bytes[bytes.length / 2] ^= 1;
    String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThatThrownBy(() -> box.open(tampered, "cluster/one"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.open("v2.abc", "cluster/one"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void derivesTheSameSecretPerContextAndKey() {
    byte[] key = RandomTokens.bytes(32);
    String derived = new SecretBox(key).derive("owner/primary/myapp__owner");
    assertThat(new SecretBox(key).derive("owner/primary/myapp__owner")).isEqualTo(derived);
    assertThat(new SecretBox(key).derive("owner/primary/other__owner")).isNotEqualTo(derived);
    assertThat(box.derive("owner/primary/myapp__owner")).isNotEqualTo(derived);
    assertThat(derived).hasSize(43).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void refusesKeysThatAreNot32Bytes() {
    assertThatThrownBy(() -> new SecretBox(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThat(box.toString()).doesNotContainPattern("[0-9a-f]{16}");
  }
}
