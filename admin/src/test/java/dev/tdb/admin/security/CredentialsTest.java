/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CredentialsTest {

  @Test
  void generatesAccountCredentialsOfTheDocumentedForm() {
    AccountCredentials credentials = AccountCredentials.generate();
    assertThat(credentials.user()).matches("tdb_[0-9a-f]{8}");
    assertThat(credentials.secret()).matches("[A-Za-z0-9_-]{43}");
    assertThat(AccountCredentials.isUser(credentials.user())).isTrue();
    assertThat(AccountCredentials.isUser("tdb_ABCDEF01")).isFalse();
    assertThat(credentials.toString())
        .contains(credentials.user())
        .doesNotContain(credentials.secret());
  }

  @Test
  void secretsAPersonTypesNeverStartLikeACommandLineOption() {
    // One base64url secret in 64 started with '-', which picocli took for an option after
    // --secret: 5,000 draws would have met about 78 of them.
    for (int i = 0; i < 5_000; i++) {
      assertThat(AccountCredentials.generate().secret()).doesNotStartWith("-");
      assertThat(DataCredentials.newSecret()).doesNotStartWith("-").matches("[A-Za-z0-9_-]{43}");
    }
  }

  @Test
  void generatesApiKeysStoredAsSha256() {
    String key = ApiKeys.generate();
    assertThat(key).matches("tdbk_[A-Za-z0-9_-]{40}");
    assertThat(ApiKeys.isKey(key)).isTrue();
    assertThat(ApiKeys.isKey(key + "x")).isFalse();
    assertThat(ApiKeys.hash(key)).matches("[0-9a-f]{64}").isEqualTo(ApiKeys.hash(key));
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ApiKeys.generate()).isNotEqualTo(key);
  }
}
