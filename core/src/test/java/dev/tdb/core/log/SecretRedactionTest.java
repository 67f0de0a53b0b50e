/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.sql.StatementKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SecretRedactionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER ROLE CURRENT_USER PASSWORD 's3cr3t'",
        "alter role current_user password 's3cr3t'",
        "CREATE ROLE r LOGIN ENCRYPTED PASSWORD E's3cr3t\\'x'",
        "CREATE ROLE r PASSWORD U&'s3cr3t'",
        "CREATE ROLE r PASSWORD $$s3cr3t$$",
        "CREATE ROLE r PASSWORD $pw$s3cr3t$pw$",
        "CREATE ROLE r PASSWORD /* note */ 's3cr3t'",
        "CREATE ROLE r PASSWORD\n  's3cr3t'",
        "CREATE ROLE r PASSWORD 's3cr' \n 't3'",
        "CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'u', password 's3cr3t')",
        "SELECT dblink_connect('host=db user=u password=s3cr3t dbname=x')",
        "SELECT dblink_connect('host=db password = ''s3 cr3t'' dbname=x')",
        "CREATE SUBSCRIPTION s CONNECTION 'postgresql://u:s3cr3t@db/x' PUBLICATION p",
        "CREATE ROLE r PASSWORD 's3cr3t",
        "SELECT 1; ALTER ROLE r PASSWORD 's3cr3t'; SELECT 2",
      })
  void takesOutThePassword(String sql) {
    String redacted = SecretRedaction.redact(sql);
    assertThat(redacted).doesNotContain("s3cr").doesNotContain("cr3t").contains("[redacted]");
  }

  @Test
  void readsTheTextAsEitherSettingOfStandardConformingStrings() {
    // With standard_conforming_strings off the constant runs to the last quote; both readings
    // count.
    String sql = "ALTER ROLE r PASSWORD 'a\\' hidden-part'";
    assertThat(SecretRedaction.redact(sql)).doesNotContain("hidden-part");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM users WHERE password_hash = $1",
        "SELECT 'no secret here'",
        "UPDATE accounts SET password = crypt($1, gen_salt('bf'))",
        "SELECT 'https://example.com/a'",
      })
  void leavesTextWithoutSecretsAlone(String sql) {
    assertThat(SecretRedaction.redact(sql)).isEqualTo(sql);
  }

  @Test
  void keepsTheShapeOfTheStatement() {
    assertThat(SecretRedaction.redact("CREATE ROLE r LOGIN PASSWORD 'x' VALID UNTIL 'infinity'"))
        .isEqualTo("CREATE ROLE r LOGIN PASSWORD '[redacted]' VALID UNTIL 'infinity'");
    assertThat(SecretRedaction.redact("SELECT dblink('host=h password=x port=5')"))
        .isEqualTo("SELECT dblink('host=h password=[redacted] port=5')");
  }

  @Test
  void everyQueryEventCarriesRedactedText() {
    QueryEvent event =
        new QueryEvent(
            Instant.EPOCH,
            "tdb_1",
            "app__acme",
            "acme",
            StatementKind.PRIVILEGED,
            Duration.ZERO,
            null,
            "42501",
            "127.0.0.1",
            "ALTER ROLE CURRENT_USER PASSWORD 'hunter2'");
    assertThat(event.sql()).doesNotContain("hunter2");
    assertThat(event.toJson()).doesNotContain("hunter2");
  }
}
