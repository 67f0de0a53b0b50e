/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SqlTest {

  @Test
  void quotesIdentifiersAndLiterals() {
    assertThat(Sql.identifier("myapp__acme")).isEqualTo("\"myapp__acme\"");
    assertThat(Sql.identifier("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Sql.literal("it's")).isEqualTo("'it''s'");
  }

  @Test
  void refusesWhatCannotBeQuotedSafely() {
    assertThatThrownBy(() -> Sql.identifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sql.literal("a\\'b")).isInstanceOf(IllegalArgumentException.class);
  }
}
