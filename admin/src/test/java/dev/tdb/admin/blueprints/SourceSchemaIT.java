/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

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
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How a schema import connects to its source: where, and with which credentials only. */
@ExtendWith(PostgresExtension.class)
final class SourceSchemaIT {
  @Test
  void connectsToTheAdmittedAddressWhateverTheNameResolvesTo(TestPostgres server)
      throws SQLException {
    String database = server.createDatabase("src_pinned");
    try {
      try (Connection connection = server.connect(database);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE pinned (id int)");
      }
      // .invalid never resolves (RFC 2606): only the address the gate admitted is connected to.
      SourceDatabase source = SourceDatabase.parse(url(server, "db.invalid", database));
      assertThat(SourceSchema.read(source, "127.0.0.1")).contains("CREATE TABLE public.pinned");
    } finally {
      server.dropDatabase(database);
    }
  }

  @Test
  void logsInWithTheUrlsCredentialsOnlyNeverTheAdminHostsPasswordFile(
      TestPostgres server, @TempDir Path dir) throws IOException {
    Path pgpass = dir.resolve("pgpass");
    Files.writeString(pgpass, "*:*:*:*:" + server.password() + "\n");
    String previous = System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
    try {
      String url =
          "postgresql://"
              + server.superuser()
              + "@"
              + server.host()
              + ":"
              + server.port()
              + "/"
              + server.maintenanceDatabase();
      assertThatThrownBy(() -> SourceSchema.read(SourceDatabase.parse(url), server.host()))
          .isInstanceOfSatisfying(
              AdminException.class,
              e -> {
                assertThat(e.code()).isEqualTo("source_connect_failed");
                assertThat(e.hint()).contains("password");
              });
    } finally {
      if (previous == null) {
        System.clearProperty("org.postgresql.pgpassfile");
      } else {
        System.setProperty("org.postgresql.pgpassfile", previous);
      }
    }
  }

  private static String url(TestPostgres server, String host, String database) {
    return "postgresql://"
        + server.superuser()
        + ":"
        + server.password()
        + "@"
        + host
        + ":"
        + server.port()
        + "/"
        + database;
  }
}
