/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SecretBoxTest {
  private final SecretBox box = new SecretBox(Tokens.bytes(32));

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
    SecretBox other = new SecretBox(Tokens.bytes(32));
    assertThatThrownBy(() -> other.open(sealed, "cluster/one"))
        .isInstanceOf(IllegalStateException.class);
    char last = sealed.charAt(sealed.length() - 1);
    String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> box.open(tampered, "cluster/one"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.open("v2.abc", "cluster/one"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesKeysThatAreNot32Bytes() {
    assertThatThrownBy(() -> new SecretBox(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThat(box.toString()).doesNotContainPattern("[0-9a-f]{16}");
  }
}
