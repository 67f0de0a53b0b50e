/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.api.ClusterCreate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb clusters}: the PostgreSQL servers that host workspaces and tenants. */
@Command(
    name = "clusters",
    description = "Register, list and remove PostgreSQL servers.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  tdb clusters list",
      "  tdb clusters add eu-1 --host db1.internal --superuser postgres --password"
    })
final class ClustersCommand {
  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description = "Register a PostgreSQL server (tdb connects to it as its superuser).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb clusters add eu-1 --host db1.internal --superuser postgres --password",
        "  tdb clusters add eu-2 --host 10.0.0.12 --port 5433 --superuser postgres \\",
        "      --password --ssl-mode require --capacity 500"
      })
  int add(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--host", required = true, description = "the server's host name or address")
          String host,
      @Option(
              names = "--port",
              defaultValue = "5432",
              description = "the server's port (default 5432)")
          int port,
      @Option(names = "--superuser", required = true, description = "a superuser tdb connects as")
          String superuser,
      @Option(
              names = "--password",
              required = true,
              interactive = true,
              arity = "0..1",
              description = "the superuser's password (prompted when given without a value)")
          String password,
      @Option(
              names = "--ssl-mode",
              defaultValue = "prefer",
              description =
                  "disable, allow, prefer, require, verify-ca or verify-full (default prefer)")
          String sslMode,
      @Option(names = "--capacity", defaultValue = "1000", description = "databases it may host")
          int capacity)
      throws ApiException {
    ClusterCreate body =
        new ClusterCreate(name, host, port, superuser, password, sslMode, capacity);
    JsonNode created = root.connection.client().post("v1/clusters", body);
    Output output = root.output(spec);
    output.done(created, "registered cluster " + name + " (" + host + ":" + port + ")");
    output.note(hardening(created.path("hardening")));
    return 0;
  }

  /** What the registration changed on the server, one database a line, for people. */
  private static String hardening(JsonNode report) {
    StringBuilder text = new StringBuilder("databases closed to PUBLIC (CONNECT and TEMPORARY):");
    for (JsonNode database : report.path("databases")) {
      List<String> changes = new ArrayList<>();
      database.path("changes").forEach(change -> changes.add(change.asText()));
      text.append("\n  ")
          .append(database.path("database").asText())
          .append(": ")
          .append(changes.isEmpty() ? "already closed" : String.join("; ", changes));
    }
    JsonNode connections = report.path("connections");
    text.append("\nconnections: max_connections ")
        .append(connections.path("max_connections").asInt())
        .append(", ")
        .append(connections.path("superuser_reserved_connections").asInt())
        .append(" reserved for superusers (the admin service), ")
        .append(connections.path("reserved_connections").asInt())
        .append(" reserved; one tenant may have at most ")
        .append(connections.path("tenant_max_connections").asInt());
    report.path("warnings").forEach(w -> text.append("\nwarning: ").append(w.asText()));
    return text.toString();
  }

  @Command(
      description = "List clusters with their free capacity.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb clusters list"})
  int list(
      @Option(
              names = "--limit",
              defaultValue = "100",
              description = "at most this many (default 100)")
          int limit,
      @Option(
              names = "--after",
              description =
                  "continue after this name, from the previous page's (more: --after ...)")
          String after)
      throws ApiException {
    root.output(spec)
        .list(
            root.connection.client().get(Paths.list("clusters", limit, after)),
            "name",
            "host",
            "port",
            "tenant_count",
            "free_capacity");
    return 0;
  }

  @Command(
      description = "Show one cluster.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb clusters get eu-1"})
  int get(@Parameters(paramLabel = "NAME") String name) throws ApiException {
    root.output(spec).object(root.connection.client().get(Paths.of("clusters", name)));
    return 0;
  }

  @Command(
      description = "Remove a cluster (refused while it hosts databases).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb clusters remove eu-1"})
  int remove(@Parameters(paramLabel = "NAME") String name) throws ApiException {
    JsonNode response = root.connection.client().delete(Paths.of("clusters", name));
    root.output(spec).done(response, "removed cluster " + name);
    return 0;
  }
}
