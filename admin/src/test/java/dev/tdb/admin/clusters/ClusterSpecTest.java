/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import org.junit.jupiter.api.Test;

final class ClusterSpecTest {

  @Test
  void namesTheInvalidField() {
    assertField(() -> new ClusterSpec("Bad", "h", 5432, "u", "p", "disable", 1), "name");
    assertField(() -> new ClusterSpec("ok", " ", 5432, "u", "p", "disable", 1), "host");
    assertField(() -> new ClusterSpec("ok", "h", 0, "u", "p", "disable", 1), "port");
    assertField(() -> new ClusterSpec("ok", "h", 5432, "", "p", "disable", 1), "superuser");
    assertField(() -> new ClusterSpec("ok", "h", 5432, "u", null, "disable", 1), "password");
    assertField(() -> new ClusterSpec("ok", "h", 5432, "u", "p", "maybe", 1), "ssl_mode");
    assertField(() -> new ClusterSpec("ok", "h", 5432, "u", "p", "disable", 0), "capacity");
  }

  @Test
  void neverShowsThePassword() {
    ClusterSpec spec = new ClusterSpec("ok", "h", 5432, "u", "s3cr3t-pw", "require", 10);
    assertThat(spec.toString()).contains("h:5432").doesNotContain("s3cr3t-pw");
  }

  private static void assertField(Runnable create, String field) {
    assertThatThrownBy(create::run)
        .isInstanceOfSatisfying(
            AdminException.class, e -> assertThat(e.code()).isEqualTo("invalid_" + field));
  }
}
