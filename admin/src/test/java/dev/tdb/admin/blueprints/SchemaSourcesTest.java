/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source URLs of a schema import, and finding pg_dump. */
final class SchemaSourcesTest {
  @Test
  void readsPostgresqlAndJdbcUrlsWithTheirCredentials() {
    SourceDatabase uri =
        SourceDatabase.parse("postgresql://app:p%40ss@db.example:6543/shop?sslmode=require");
    assertThat(uri)
        .isEqualTo(new SourceDatabase("db.example", 6543, "shop", "app", "p@ss", "require"));
    assertThat(uri.toString()).doesNotContain("p@ss");
    assertThat(uri.environment(uri.host()))
        .containsEntry("PGPASSWORD", "p@ss")
        .containsEntry("PGSSLMODE", "require")
        .containsEntry("PGDATABASE", "shop");

    SourceDatabase jdbc =
        SourceDatabase.parse("jdbc:postgresql://127.0.0.1/legacy?user=admin&password=x%26y");
    assertThat(jdbc)
        .isEqualTo(new SourceDatabase("127.0.0.1", 5432, "legacy", "admin", "x&y", null));
  }

  @Test
  void refusesWhatIsNotAPostgresqlUrlNamingTheField() {
    for (String url :
        List.of("mysql://u:p@h/db", "postgresql://u:p@h", "not a url", "postgresql://h:5432/db")) {
      assertThatThrownBy(() -> SourceDatabase.parse(url))
          .as(url)
          .isInstanceOfSatisfying(
              AdminException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(AdminException.Kind.INVALID);
                assertThat(e.code()).isEqualTo("invalid_database");
              });
    }
  }

  @Test
  void saysPgDumpIsNeededWhenNoCandidateRuns(@TempDir Path dir) throws IOException {
    Path notExecutable = Files.writeString(dir.resolve("pg_dump"), "not a program");
    assertThatThrownBy(() -> PgDump.locate(List.of(dir.resolve("missing"), notExecutable)))
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AdminException.Kind.CONFLICT);
              assertThat(e.code()).isEqualTo("pg_dump_missing");
              assertThat(e.getMessage()).contains("needs pg_dump");
              assertThat(e.hint()).contains("PostgreSQL client tools");
            });
  }

  @Test
  void takesTheNewestPgDumpAmongTheCandidates(@TempDir Path dir) throws IOException {
    Path old = fakePgDump(dir, "old", "pg_dump (PostgreSQL) 13.4");
    Path newest = fakePgDump(dir, "new", "pg_dump (PostgreSQL) 17.2");
    Path broken = fakePgDump(dir, "broken", "no version here");
    assertThat(PgDump.locate(List.of(old, newest, broken))).isEqualTo(new PgDump(newest, 17));
  }

  private static Path fakePgDump(Path dir, String name, String versionLine) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
