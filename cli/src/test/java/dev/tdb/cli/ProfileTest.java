/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProfileTest {
  @Test
  void takesTdbHomeFirst() {
    assertThat(Profile.defaultHome(Map.of("TDB_HOME", "/srv/tdb", "HOME", "/x")))
        .isEqualTo(Path.of("/srv/tdb"));
  }

  @Test
  void honoursHomeOverTheUserHomeOfThePasswordDatabase() {
    assertThat(Profile.defaultHome(Map.of("HOME", "/x"))).isEqualTo(Path.of("/x/.tdb"));
    assertThat(Profile.defaultHome(Map.of("TDB_HOME", " ", "HOME", "/x")))
        .isEqualTo(Path.of("/x/.tdb"));
  }

  @Test
  void fallsBackToUserHomeWithoutHome() {
    assertThat(Profile.defaultHome(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".tdb"));
  }
}
