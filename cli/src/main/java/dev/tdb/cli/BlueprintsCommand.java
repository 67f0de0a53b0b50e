/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb blueprints}: the versions captured in tenant workspaces. */
@Command(
    name = "blueprints",
    description = "List blueprints and their versions.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {"  tdb blueprints list", "  tdb blueprints versions myapp"})
final class BlueprintsCommand {
  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description = "List blueprints with their newest and deployed versions.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb blueprints list"})
  int list() throws ApiException {
    root.output(spec)
        .list(
            root.connection.client().get("v1/blueprints"),
            "name",
            "latest_version",
            "deployed_version",
            "ready_to_deploy",
            "tenant_count");
    return 0;
  }

  @Command(
      description = "Show one blueprint.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb blueprints get myapp"})
  int get(@Parameters(paramLabel = "BLUEPRINT") String name) throws ApiException {
    root.output(spec).object(root.connection.client().get(Paths.of("blueprints", name)));
    return 0;
  }

  @Command(
      description =
          "List the tenants whose schema differs from the blueprint's template (schema drift).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb blueprints drift myapp", "  tdb blueprints drift myapp --json"})
  int drift(@Parameters(paramLabel = "BLUEPRINT") String name) throws ApiException {
    JsonNode drift = root.connection.client().get(Paths.of("blueprints", name) + "/drift");
    Output output = root.output(spec);
    output.list(
        drift,
        "logical_name",
        "status",
        "schema_version",
        "template_version",
        "object",
        "tenant_definition");
    output.note(
        drift.path("items").size()
            + " of "
            + drift.path("checked").asInt()
            + " tenants differ from the template of "
            + name);
    return 0;
  }

  @Command(
      description = "List a blueprint's versions with their changes and deploy status.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb blueprints versions myapp"})
  int versions(@Parameters(paramLabel = "BLUEPRINT") String name) throws ApiException {
    String path = Paths.of("blueprints", name) + "/versions";
    root.output(spec)
        .list(
            root.connection.client().get(path),
            "version",
            "deployed",
            "deployed_tenants",
            "skipped",
            "sql");
    return 0;
  }
}
