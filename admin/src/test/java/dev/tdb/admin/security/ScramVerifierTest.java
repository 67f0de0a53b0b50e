/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ScramVerifierTest {

  @Test
  void matchesOnlyItsOwnPassword() {
    ScramVerifier verifier = ScramVerifier.create("correct horse");
    assertThat(verifier.matches("correct horse")).isTrue();
    assertThat(verifier.matches("correct horsE")).isFalse();
  }

  @Test
  void roundTripsThroughPostgresTextForm() {
    ScramVerifier verifier = ScramVerifier.create("pw");
    String text = verifier.text();
    assertThat(text)
        .matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
    ScramVerifier parsed = ScramVerifier.parse(text);
    assertThat(parsed.matches("pw")).isTrue();
    assertThat(parsed.matches("pW")).isFalse();
    assertThat(parsed.text()).isEqualTo(text);
  }

  @Test
  void refusesTextThatIsNotAVerifier() {
    assertThatThrownBy(() -> ScramVerifier.parse("md5abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ScramVerifier.create("secret").toString())
        .doesNotContain("secret")
        .doesNotContain("$");
  }
}
