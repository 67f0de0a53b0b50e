/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.metadata.ChangeRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus {@code inverses.txt}: a captured change and the statement that undoes it. */
final class InversesTest {
  private static final String REFUSED = "refused: ";

  record Case(String tag, String identity, String sql, String expected) {
    @Override
    public String toString() {
      return sql;
    }
  }

  static List<Case> corpus() throws IOException {
    try (InputStream in = InversesTest.class.getResourceAsStream("inverses.txt")) {
      List<Case> cases = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" \\| ");
        cases.add(new Case(parts[0], parts[1].equals("-") ? null : parts[1], parts[2], parts[3]));
      }
      return cases;
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void invertsTheChangeOrExplainsWhyNot(Case c) throws Inverses.NoInverse {
    ChangeRow change =
        new ChangeRow(
            1, c.sql(), c.tag(), c.identity(), "ws__rt", "2026-01-01T00:00:00Z", false, false);
    if (c.expected().startsWith(REFUSED)) {
      assertThatThrownBy(() -> Inverses.of(change))
          .isInstanceOf(Inverses.NoInverse.class)
          .hasMessageContaining(c.expected().substring(REFUSED.length()));
    } else {
      assertThat(Inverses.of(change)).isEqualTo(c.expected());
    }
  }
}
