/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StatementNormalizerTest {
  private static NormalizedStatement normalize(String sql) {
    return StatementNormalizer.normalize(sql);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          SELECT * FROM t WHERE id = 42                      | SELECT * FROM t WHERE id = $1
          select 'x', E'it\\'s', B'101', X'ff', U&'d\\0061t' | select $1, $2, $3, $4, $5
          SELECT $tag$ body $tag$, $$x$$                     | SELECT $1, $2
          SELECT DATE '2026-01-01', interval '1 day'         | SELECT DATE $1, interval $2
          SELECT '1'::int + 2.5e3 - 0x1F                     | SELECT $1::int + $2 - $3
          SELECT a - 1, -1, f(-2), x = -3                    | SELECT a - $1, $2, f($3), x = $4
          "SELECT  a,\n  b -- note\n FROM /* c */ t;;"       | SELECT a, b FROM t
          SELECT * FROM t WHERE id IN (1, 2, 3)              | SELECT * FROM t WHERE id IN ($1 /*, ... */)
          SELECT * FROM t WHERE id IN (7)                    | SELECT * FROM t WHERE id IN ($1)
          SELECT * FROM t WHERE id = ANY(ARRAY[1,2])         | SELECT * FROM t WHERE id = ANY(ARRAY[$1 /*, ... */])
          SELECT * FROM t WHERE id IN (1, a)                 | SELECT * FROM t WHERE id IN ($1, a)
          UPDATE t SET a = $2 WHERE b = $1                   | UPDATE t SET a = $1 WHERE b = $2
          SELECT "Quoted"."Col" FROM "T"                     | SELECT "Quoted"."Col" FROM "T"
          SELECT 'unterminated                               | SELECT $1
          """)
  void replacesConstantsKeepsTheRest(String sql, String expected) {
    assertThat(normalize(sql).text()).isEqualTo(expected);
  }

  @Test
  void fingerprintIgnoresConstantsCaseSpaceAndComments() {
    long one = normalize("SELECT abalance FROM pgbench_accounts WHERE aid = 1").fingerprint();
    assertThat(
            normalize("select  abalance\nfrom PGBENCH_ACCOUNTS /* x */ where aid = 99;")
                .fingerprint())
        .isEqualTo(one);
    assertThat(normalize("SELECT abalance FROM pgbench_accounts WHERE aid = 'a'").fingerprint())
        .isEqualTo(one);
    assertThat(normalize("SELECT abalance FROM pgbench_accounts WHERE bid = 1").fingerprint())
        .isNotEqualTo(one);
    assertThat(normalize("SELECT abalance FROM \"PGBENCH_ACCOUNTS\" WHERE aid = 1").fingerprint())
        .isNotEqualTo(one);
  }

  @Test
  void theFingerprintAloneIsTheFingerprintOfTheNormalization() {
    for (String sql :
        new String[] {
          "SELECT * FROM t WHERE id IN (1, 2, 3)", "UPDATE T SET a = -1", "SELECT E'a\\' , 'b'"
        }) {
      assertThat(StatementNormalizer.fingerprint(sql)).isEqualTo(normalize(sql).fingerprint());
    }
  }

  @Test
  void parseWithParametersIsTheSameStatementAsItsSimpleQueryTwin() {
    assertThat(normalize("SELECT * FROM t WHERE a = $1 AND b = $2").fingerprint())
        .isEqualTo(normalize("SELECT * FROM t WHERE a = 5 AND b = 'x'").fingerprint());
  }

  @Test
  void listsOfAnyLengthAreOneStatement() {
    long two = normalize("SELECT 1 FROM t WHERE id IN (1, 2)").fingerprint();
    assertThat(normalize("SELECT 1 FROM t WHERE id IN (1, 2, 3, 4, 5, 6)").fingerprint())
        .isEqualTo(two);
    assertThat(normalize("SELECT 1 FROM t WHERE id IN ($1, $2, $3)").fingerprint()).isEqualTo(two);
    assertThat(normalize("SELECT 1 FROM t WHERE id IN (1)").fingerprint()).isNotEqualTo(two);
  }

  @Test
  void fingerprintIsStableAcrossReleases() {
    // The fingerprint is stored by the admin service: changing the hash splits every statement.
    assertThat(normalize("SELECT 1").fingerprintHex())
        .isEqualTo(normalize("select 2").fingerprintHex());
    assertThat(normalize("SELECT 1").fingerprintHex()).isEqualTo("6ed3eb62a816f91a");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ALTER ROLE app PASSWORD 's3cret-pw'
          CREATE ROLE app LOGIN PASSWORD $p$s3cret-pw$p$
          SELECT pgp_sym_encrypt('s3cret-pw', 'key-s3cret-pw')
          SELECT 'a\\' , 's3cret-pw' --'
          SELECT E'a\\' , s3cret_pw --'
          ALTER ROLE app PASSWORD 's3cret-pw
          INSERT INTO users (email) VALUES ('s3cret-pw@example.com')
          """)
  void keepsNoSecret(String sql) {
    NormalizedStatement normalized = normalize(sql);
    assertThat(normalized.text()).doesNotContainIgnoringCase("s3cret");
  }

  @Test
  void neverThrows() {
    for (String sql : new String[] {"", ";", "$", "'", "/*", "-", "IN (", "ARRAY[1,", "E'\\"}) {
      assertThat(normalize(sql).text()).doesNotContain("'");
    }
  }
}
