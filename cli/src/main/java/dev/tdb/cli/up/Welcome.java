/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import dev.tdb.cli.ConnectionStrings;
import dev.tdb.cli.Profile;
import dev.tdb.cli.ProxyEndpoint;
import dev.tdb.core.routing.RoutingEntry;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What {@code tdb up} prints once everything runs: where things are and how to connect. */
final class Welcome {
  private final PrintWriter out;
  private final URI admin;
  private final Profile profile;
  private final PostgresServer postgres;
  private final Path home;

  Welcome(PrintWriter out, URI admin, Profile profile, PostgresServer postgres, Path home) {
    this.out = out;
    this.admin = admin;
    this.profile = profile;
    this.postgres = postgres;
    this.home = home;
  }

  void print(List<RoutingEntry> entries, ProxyEndpoint proxy) {
    ConnectionStrings account =
        new ConnectionStrings(admin, profile.user(), profile.secret(), Optional.of(proxy));
    Profile.Application app = profile.application();
    // Tenants' URLs carry the application credential, which cannot administer anything; the
    // workspaces' carry the account's, as only it reaches them.
    ConnectionStrings tenants =
        app == null
            ? account
            : new ConnectionStrings(admin, app.user(), app.secret(), Optional.of(proxy));
    Function<RoutingEntry, ConnectionStrings> urls =
        entry -> entry.mode() == RoutingEntry.Mode.TENANT ? tenants : account;
    out.println();
    out.println("tdb is up.");
    out.println();
    out.println(
        "  Admin API    " + admin + "   (OpenAPI: " + admin.resolve("v1/openapi.json") + ")");
    out.println("  Account      " + profile.user() + "   secret " + profile.secret());
    out.println("               (saved in " + Profile.file(home) + ", which ./tdb reads)");
    if (app != null) {
      out.println(
          "  App user     "
              + app.user()
              + "   for applications: reaches myapp's tenants only, not the admin API");
      out.println("               (./tdb credentials --help to make more, rotate or revoke)");
    }
    out.println(
        "  PostgreSQL   "
            + postgres.host()
            + ":"
            + postgres.port()
            + (postgres.isEmbedded() ? "   embedded, data in " + postgres.dataDirectory() : ""));
    out.println();
    out.println(
        "Databases through the tdb proxy (any PostgreSQL client; policy and settings enforced):");
    int width = entries.stream().mapToInt(e -> e.logicalName().length()).max().orElse(0);
    for (RoutingEntry entry : entries) {
      out.printf(
          "  %-" + width + "s  %-9s  psql \"%s\"%n",
          entry.logicalName(),
          entry.mode().json(),
          urls.apply(entry).psql(entry.logicalName()).orElseThrow());
    }
    out.println();
    out.println("Java (the jdbc:tdb: driver, module driver; policy and settings enforced):");
    for (RoutingEntry entry : entries) {
      out.printf(
          "  %-" + width + "s  %s%n",
          entry.logicalName(),
          urls.apply(entry).jdbc(entry.logicalName()));
    }
    out.println();
    out.println("Try:");
    out.println("  ./tdb tenants list");
    out.println("  ./tdb tenants create myapp__globex");
    out.println("  ./tdb workspaces settings myapp_workspace --set query_timeout_ms=5000");
    out.println(
        "  curl -u "
            + profile.user()
            + ":"
            + profile.secret()
            + " "
            + admin.resolve("v1/routing/myapp__acme"));
    out.println();
    out.println("Ctrl-C stops tdb; ./tdb up again finds everything as it was.");
    out.flush();
  }
}
