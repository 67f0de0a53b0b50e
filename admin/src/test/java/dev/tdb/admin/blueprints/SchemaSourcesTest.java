/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.sources.PinnedSocketFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Source URLs of a schema import, and how the admin service connects to them. */
final class SchemaSourcesTest {
  @Test
  void readsPostgresqlAndJdbcUrlsWithTheirCredentials() {
    SourceDatabase uri =
        SourceDatabase.parse("postgresql://app:p%40ss@db.example:6543/shop?sslmode=require");
    assertThat(uri)
        .isEqualTo(new SourceDatabase("db.example", 6543, "shop", "app", "p@ss", "require"));
    assertThat(uri.toString()).doesNotContain("p@ss");
    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/shop");
    assertThat(uri.properties(uri.host()))
        .containsEntry("user", "app")
        .containsEntry("password", "p@ss")
        .containsEntry("sslmode", "require")
        .doesNotContainKey("socketFactory");

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
  void connectsToTheAdmittedAddressKeepingTheHostNameForTls() {
    SourceDatabase source = SourceDatabase.parse("postgresql://app:pw@db.example/shop");
    assertThat(source.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/shop");
    assertThat(source.properties("10.1.2.3"))
        .containsEntry("socketFactory", PinnedSocketFactory.class.getName())
        .containsEntry("socketFactoryArg", "10.1.2.3");
  }

  @Test
  void neverLetsTheDriverLookUpAPasswordTheUrlDoesNotGive() {
    SourceDatabase source = SourceDatabase.parse("postgresql://app@db.example/my%20shop%3Fx=1");
    // Without a password pgjdbc would read the admin host's ~/.pgpass.
    assertThat(source.properties(source.host())).containsEntry("password", "");
    // A database name cannot add connection parameters to the URL.
    assertThat(source.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/my%20shop%3Fx%3D1");
  }

  @Test
  void pinsOnlyToAnAddressLiteral() {
    assertThatThrownBy(() -> new PinnedSocketFactory("db.example"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PinnedSocketFactory("::1")).isNotNull();
  }
}
