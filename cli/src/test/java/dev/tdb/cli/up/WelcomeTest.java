/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.cli.Profile;
import dev.tdb.cli.ProxyEndpoint;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.WorkspaceSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code tdb up} prints: tenants with the application credential, workspaces with the account.
 */
final class WelcomeTest {
  private static final URI ADMIN = URI.create("http://127.0.0.1:7070/");
  private static final ProxyEndpoint PROXY = new ProxyEndpoint("127.0.0.1", 6432, null);
  private static final List<RoutingEntry> ENTRIES =
      List.of(
          entry("controlplane_workspace", RoutingEntry.Mode.CONTROL),
          entry("myapp_workspace", RoutingEntry.Mode.WORKSPACE),
          entry("myapp__acme", RoutingEntry.Mode.TENANT));

  @Test
  void printsTenantUrlsWithTheApplicationCredentialOnly() {
    Profile profile =
        new Profile(ADMIN.toString(), "tdb_0000abcd", "account-secret")
            .withApplication(new Profile.Application("1", "tdbc_00000000abcd", "app-secret"));
    String printed = print(profile);

    assertThat(printed)
        .contains("App user     tdbc_00000000abcd")
        .contains(
            "myapp__acme             tenant     psql"
                + " \"postgresql://tdbc_00000000abcd:app-secret@127.0.0.1:6432/myapp__acme")
        .contains(
            "jdbc:tdb://127.0.0.1:7070/myapp__acme?user=tdbc_00000000abcd&password=app-secret")
        .contains("postgresql://tdb_0000abcd:account-secret@127.0.0.1:6432/myapp_workspace")
        .contains("postgresql://tdb_0000abcd:account-secret@127.0.0.1:6432/controlplane_workspace")
        .doesNotContain("tdb_0000abcd:account-secret@127.0.0.1:6432/myapp__acme")
        .doesNotContain("myapp__acme?user=tdb_0000abcd");
  }

  @Test
  void withoutOneEveryUrlCarriesTheAccount() {
    String printed = print(new Profile(ADMIN.toString(), "tdb_0000abcd", "account-secret"));
    assertThat(printed)
        .contains("postgresql://tdb_0000abcd:account-secret@127.0.0.1:6432/myapp__acme")
        .doesNotContain("App user");
  }

  private static String print(Profile profile) {
    StringWriter out = new StringWriter();
    PostgresServer postgres =
        PostgresServer.external("postgresql://tdb:pw@127.0.0.1:5432/postgres");
    new Welcome(new PrintWriter(out), ADMIN, profile, postgres, Path.of("/tmp/tdb-home"))
        .print(ENTRIES, PROXY);
    return out.toString();
  }

  private static RoutingEntry entry(String logicalName, RoutingEntry.Mode mode) {
    return new RoutingEntry(
        logicalName,
        mode,
        logicalName,
        RoutingEntry.Status.ACTIVE,
        "127.0.0.1",
        5432,
        "disable",
        logicalName,
        logicalName + "__rt",
        "role-password",
        WorkspaceSettings.defaults(),
        1);
  }
}
