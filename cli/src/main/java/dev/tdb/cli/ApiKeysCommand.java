/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.api.ApiKeyCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb apikeys}: bearer keys for the REST API. */
@Command(
    name = "apikeys",
    description = "Create, list and revoke API keys.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  tdb apikeys create ci-deploy",
      "  tdb apikeys create proxy --scope routing",
      "  tdb apikeys list"
    })
final class ApiKeysCommand {
  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description = "Create an API key; it is shown once.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb apikeys create ci-deploy",
        "  tdb apikeys create dashboards --scope read-only",
        "  tdb apikeys create proxy --scope routing   # what proxies and drivers need",
        "  TDB_API_KEY=tdbk_... tdb tenants list"
      })
  int create(
      @Parameters(paramLabel = "NAME", description = "what the key is for") String name,
      @Option(
              names = "--scope",
              paramLabel = "SCOPE",
              description =
                  "admin, member, read-only or routing (routing: only what proxies and drivers"
                      + " need); default: your own")
          String scope)
      throws ApiException {
    JsonNode created = root.connection.client().post("v1/apikeys", new ApiKeyCreate(name, scope));
    root.output(spec)
        .done(
            created,
            "API key "
                + created.path("id").asText()
                + " ("
                + name
                + ", scope "
                + created.path("scope").asText()
                + "), shown only now:\n  "
                + created.path("key").asText()
                + "\nuse it as TDB_API_KEY, or Authorization: Bearer <key>");
    return 0;
  }

  @Command(
      description = "List API keys (without the keys).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb apikeys list", "  tdb apikeys list --json"})
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
            root.connection.client().get(Paths.list("apikeys", limit, after)),
            "id",
            "name",
            "scope",
            "created_at",
            "revoked_at");
    return 0;
  }

  @Command(
      description = "Revoke an API key.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb apikeys revoke 3"})
  int revoke(@Parameters(paramLabel = "ID") String id) throws ApiException {
    JsonNode response = root.connection.client().delete(Paths.of("apikeys", id));
    root.output(spec).done(response, "revoked API key " + id);
    return 0;
  }
}
