/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ScramCredentialTest {
  // A verifier in the form PostgreSQL stores (salt 16 bytes, keys 32 bytes each).
  private static final String TEXT =
      "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ=="
          + "$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
          + "HKPhVbBIbvWbDtoXJlfFa8w1Cw1R5GLMrRNgD8RF/Rw=";

  @Test
  void readsPostgresqlsTextFormAndWritesItBack() {
    ScramCredential credential = ScramCredential.parse(TEXT);

    assertThat(credential.iterations()).isEqualTo(4096);
    assertThat(credential.salt()).hasSize(16);
    assertThat(credential.storedKey()).hasSize(32);
    assertThat(credential.serverKey()).hasSize(32);
    assertThat(credential.text()).isEqualTo(TEXT);
  }

  @Test
  void refusesOtherPasswordForms() {
    assertThatThrownBy(() -> ScramCredential.parse("md5c0ffee"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a SCRAM-SHA-256 verifier");
  }

  @Test
  void showsNoKeyMaterial() {
    assertThat(ScramCredential.parse(TEXT).toString())
        .isEqualTo("ScramCredential[iterations=4096]");
  }
}
