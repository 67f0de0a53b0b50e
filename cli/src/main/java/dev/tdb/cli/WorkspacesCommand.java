/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.api.SchemaSource;
import dev.tdb.core.api.WorkspaceCreate;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb workspaces}: control workspaces and tenant (blueprint) workspaces. */
@Command(
    name = "workspaces",
    description = "Create, list and configure workspaces.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {"  tdb workspaces list", "  tdb workspaces diff myapp_workspace"})
final class WorkspacesCommand {
  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description = "Create a workspace: <name>_workspace; mode control or workspace.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb workspaces create myapp_workspace",
        "  tdb workspaces create controlplane_workspace --mode control"
      })
  int create(
      @Parameters(paramLabel = "NAME", description = "e.g. controlplane_workspace, myapp_workspace")
          String name,
      @Option(names = "--mode", defaultValue = "workspace", description = "control or workspace")
          String mode,
      @Option(names = "--cluster", description = "cluster to place it on") String cluster)
      throws ApiException {
    JsonNode created =
        root.connection.client().post("v1/workspaces", new WorkspaceCreate(name, mode, cluster));
    root.output(spec).done(created, "created workspace " + created.path("name").asText(name));
    return 0;
  }

  @Command(
      description = "List workspaces.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces list"})
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
    JsonNode page = root.connection.client().get(Paths.list("workspaces", limit, after));
    root.output(spec).list(page, "name", "mode", "blueprint", "cluster", "database");
    return 0;
  }

  @Command(
      description = "Show one workspace.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces get myapp_workspace"})
  int get(@Parameters(paramLabel = "NAME") String name) throws ApiException {
    root.output(spec).object(root.connection.client().get(Paths.of("workspaces", name)));
    return 0;
  }

  @Command(
      description = "Delete a workspace (refused while it has tenants).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces delete old_workspace"})
  int delete(@Parameters(paramLabel = "NAME") String name) throws ApiException {
    JsonNode response = root.connection.client().delete(Paths.of("workspaces", name));
    root.output(spec).done(response, "deleted workspace " + name);
    return 0;
  }

  @Command(
      description =
          "Show a workspace's settings, or change them: --set query_timeout_ms=5000 (applied to"
              + " all its tenants).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb workspaces settings myapp_workspace",
        "  tdb workspaces settings myapp_workspace --set query_timeout_ms=5000 \\",
        "      --set max_rows_per_query=10000"
      })
  int settings(
      @Parameters(paramLabel = "NAME") String name,
      @Option(
              names = "--set",
              paramLabel = "KEY=VALUE",
              description =
                  "a setting to change (repeatable): max_rows_per_query, query_timeout_ms, max_connections")
          Map<String, String> changes)
      throws ApiException {
    String path = Paths.of("workspaces", name) + "/settings";
    AdminClient client = root.connection.client();
    JsonNode settings =
        changes == null || changes.isEmpty() ? client.get(path) : client.patch(path, changes);
    root.output(spec).object(settings);
    return 0;
  }

  @Command(
      description = "List the changes captured in a tenant workspace and not yet deployed.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces diff myapp_workspace"})
  int diff(@Parameters(paramLabel = "NAME") String name) throws ApiException {
    JsonNode page = root.connection.client().get(Paths.of("workspaces", name) + "/diff");
    root.output(spec).list(page, "version", "command_tag", "non_transactional", "skipped", "sql");
    return 0;
  }

  @Command(
      name = "diff-skip",
      description = "Drop a change (by version) from the deploy queue.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces diff-skip myapp_workspace 4"})
  int diffSkip(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Parameters(index = "1", paramLabel = "VERSION") int version)
      throws ApiException {
    String path = Paths.of("workspaces", name) + "/diff/" + version + "/skip";
    JsonNode skipped = root.connection.client().post(path, Map.of());
    root.output(spec).done(skipped, "skipped version " + version + " of " + name);
    return 0;
  }

  @Command(
      name = "diff-revert",
      description =
          "Undo the newest pending change (by version) in the workspace with its inverse"
              + " (DROP for CREATE, DROP COLUMN/CONSTRAINT for ADD) and skip both.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces diff-revert myapp_workspace 4"})
  int diffRevert(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Parameters(index = "1", paramLabel = "VERSION") int version)
      throws ApiException {
    String path = Paths.of("workspaces", name) + "/diff/" + version + "/revert";
    JsonNode revert = root.connection.client().post(path, Map.of());
    root.output(spec)
        .done(
            revert,
            "reverted version "
                + version
                + " of "
                + name
                + " with version "
                + revert.path("inverse").path("version").asText()
                + ": "
                + revert.path("inverse").path("sql").asText()
                + " (both skipped)");
    return 0;
  }

  @Command(
      description =
          "Import a schema into a tenant workspace as captured changes: from an existing"
              + " database (read from its catalogs by the admin service) or a starter template.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb workspaces schema myapp_workspace --template saas",
        "  tdb workspaces schema myapp_workspace --database \\",
        "      postgresql://reader:pw@db.internal:5432/legacy"
      })
  int schema(
      @Parameters(paramLabel = "NAME") String name,
      @Option(
              names = "--database",
              paramLabel = "URL",
              description = "postgresql://user:pw@host:port/db or jdbc:postgresql://...")
          String database,
      @Option(names = "--template", description = "saas, ecommerce or blog") String template)
      throws ApiException {
    JsonNode imported =
        root.connection
            .client()
            .post(Paths.of("workspaces", name) + "/schema", new SchemaSource(database, template));
    StringBuilder message =
        new StringBuilder()
            .append("applied ")
            .append(imported.path("applied").asInt())
            .append(" statements from ")
            .append(imported.path("source").asText())
            .append(" to ")
            .append(name)
            .append(" as ")
            .append(imported.path("versions").size())
            .append(" versions");
    for (JsonNode skipped : imported.path("skipped")) {
      message
          .append("\nskipped ")
          .append(skipped.path("statement").asText().replaceAll("\\s+", " "))
          .append(": ")
          .append(skipped.path("reason").asText());
    }
    root.output(spec).done(imported, message.toString());
    return 0;
  }

  @Command(
      name = "import-analyze",
      description =
          "Read a shared database (one snapshot, nothing changed) and report what an import would"
              + " do: routed and shared tables, tenants, NULL routing values, cross-tenant keys.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  TDB_SOURCE_PASSWORD=... tdb workspaces import-analyze myapp_workspace \\",
        "      --host db.internal --database legacy --source-user reader"
      })
  int importAnalyze(
      @Parameters(paramLabel = "WORKSPACE") String workspace, @Mixin ImportSourceOptions source)
      throws ApiException {
    root.output(spec)
        .object(
            root.connection
                .client()
                .post(Paths.of("workspaces", workspace) + "/import-analysis", source.spec()));
    return 0;
  }

  @Command(
      name = "import-full",
      description =
          "Import a shared database: its schema into the workspace (deployed), one tenant per"
              + " routing value, each tenant's rows; shows progress until it ends.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  TDB_SOURCE_PASSWORD=... tdb workspaces import-full myapp_workspace \\",
        "      --host db.internal --database legacy --source-user reader \\",
        "      --routing-field account_id --create-tenants"
      })
  int importFull(
      @Parameters(paramLabel = "WORKSPACE") String workspace,
      @Mixin ImportSourceOptions source,
      @Mixin ImportChoices choices)
      throws ApiException {
    return startImport(workspace, "full", source, choices);
  }

  @Command(
      name = "import-data",
      description =
          "Import each tenant's rows of a shared database into tenants at the deployed schema;"
              + " shows progress until it ends.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  TDB_SOURCE_PASSWORD=... tdb workspaces import-data myapp_workspace \\",
        "      --host db.internal --database legacy --source-user reader --tenants \\",
        "      acme,globex"
      })
  int importData(
      @Parameters(paramLabel = "WORKSPACE") String workspace,
      @Mixin ImportSourceOptions source,
      @Mixin ImportChoices choices)
      throws ApiException {
    return startImport(workspace, "data", source, choices);
  }

  @Command(
      name = "import-status",
      description = "Show an import with each tenant's status.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces import-status myapp_workspace --import-id 12"})
  int importStatus(
      @Parameters(paramLabel = "WORKSPACE") String workspace,
      @Option(
              names = "--import-id",
              required = true,
              description = "the import's id, as the import printed it")
          long id)
      throws ApiException {
    JsonNode status = root.connection.client().get(Paths.of("imports", Long.toString(id)));
    requireWorkspace(status, workspace, id, "import-status");
    if (root.connection.json) {
      root.output(spec).object(status);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.println(ImportProgress.line(status));
      ImportProgress.print(status, out);
    }
    return 0;
  }

  @Command(
      name = "import-resume",
      description =
          "Import the failed and pending tenants of a failed import again with its options, as a"
              + " new import; shows progress until it ends.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb workspaces import-resume myapp_workspace --import-id 12"})
  int importResume(
      @Parameters(paramLabel = "WORKSPACE") String workspace,
      @Option(
              names = "--import-id",
              required = true,
              description = "the import's id, as the import printed it")
          long id)
      throws ApiException {
    AdminClient client = root.connection.client();
    JsonNode status = client.get(Paths.of("imports", Long.toString(id)));
    requireWorkspace(status, workspace, id, "import-resume");
    JsonNode started = client.post(Paths.of("imports", Long.toString(id)) + "/resume", Map.of());
    return follow(client, started);
  }

  /** Refuses an import that went into another workspace, naming the command that fits it. */
  private static void requireWorkspace(JsonNode status, String workspace, long id, String command)
      throws ApiException {
    String actual = status.path("workspace").asText();
    if (!actual.equals(workspace)) {
      throw new ApiException(
          ApiException.REFUSED,
          "import_not_in_workspace",
          "import " + id + " imported into " + actual + ", not " + workspace,
          "tdb workspaces " + command + " " + actual + " --import-id " + id);
    }
  }

  private int startImport(
      String workspace, String kind, ImportSourceOptions source, ImportChoices choices)
      throws ApiException {
    AdminClient client = root.connection.client();
    JsonNode started =
        client.post(
            Paths.of("workspaces", workspace) + "/imports", choices.spec(source.spec(), kind));
    return follow(client, started);
  }

  private int follow(AdminClient client, JsonNode started) throws ApiException {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode done =
        ImportProgress.follow(client, started.path("id").asLong(), out, root.connection.json);
    if (root.connection.json) {
      root.output(spec).object(done);
    } else {
      ImportProgress.print(done, out);
    }
    return done.path("status").asText().equals("succeeded") ? 0 : ApiException.REFUSED;
  }
}
