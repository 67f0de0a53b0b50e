/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A data import logs in to its source with the caller's credentials only. */
@ExtendWith(PostgresExtension.class)
final class ImportSourceIT {
  @Test
  void logsInWithTheCallersPasswordOnlyNeverTheAdminHostsPasswordFile(
      TestPostgres server, @TempDir Path dir) throws IOException, SQLException {
    Path pgpass = dir.resolve("pgpass");
    Files.writeString(pgpass, "*:*:*:*:" + server.password() + "\n");
    String previous = System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
    try {
      ImportSource withoutPassword =
          new ImportSource(
              server.host(), server.port(), server.maintenanceDatabase(), server.superuser(), null);
      assertThatThrownBy(withoutPassword::connect)
          .isInstanceOfSatisfying(
              AdminException.class, e -> assertThat(e.code()).isEqualTo("source_connect_failed"));
      ImportSource withPassword =
          new ImportSource(
              server.host(),
              server.port(),
              server.maintenanceDatabase(),
              server.superuser(),
              server.password());
      try (Connection connection = withPassword.connect()) {
        assertThat(connection.isValid(5)).isTrue();
      }
    } finally {
      if (previous == null) {
        System.clearProperty("org.postgresql.pgpassfile");
      } else {
        System.setProperty("org.postgresql.pgpassfile", previous);
      }
    }
  }
}
