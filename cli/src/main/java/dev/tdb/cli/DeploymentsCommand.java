/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.api.DeploymentCreate;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb deployments}: take a blueprint version to tenants, and follow it. */
@Command(
    name = "deployments",
    description = "Deploy blueprint versions to tenants.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {"  tdb deployments create --blueprint myapp --all", "  tdb deployments status 7"})
final class DeploymentsCommand {
  private static final long POLL_MILLIS = 300;

  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description =
          "Deploy a blueprint version to all or some tenants; shows progress until it ends"
              + " (exit 1 when a tenant failed).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb deployments create --blueprint myapp --all",
        "  tdb deployments create --blueprint myapp --tenants \\",
        "      myapp__acme,myapp__globex --version 3",
        "  tdb deployments create --blueprint myapp --all --canary 2 --parallel 8 \\",
        "      --detach"
      })
  int create(
      @Option(names = "--blueprint", required = true, description = "the blueprint, e.g. myapp")
          String blueprint,
      @Option(names = "--all", description = "every tenant of the blueprint") boolean all,
      @Option(names = "--tenants", split = ",", description = "a,b,c") List<String> tenants,
      @Option(names = "--version", description = "target version (default: newest)")
          Integer version,
      @Option(
              names = "--parallel",
              defaultValue = "4",
              description = "tenants upgraded at once, 1 to 64 (default 4)")
          int parallel,
      @Option(names = "--stop-on-failure", description = "start no further tenant once one failed")
          boolean stopOnFailure,
      @Option(
              names = "--canary",
              paramLabel = "K",
              description =
                  "upgrade the first K tenants (by logical name) first; the others start only"
                      + " when all of them succeeded")
          Integer canary,
      @Option(names = "--detach", description = "return once it started") boolean detach)
      throws ApiException {
    DeploymentCreate body =
        new DeploymentCreate(blueprint, version, tenants, all, parallel, stopOnFailure, canary);
    JsonNode created = root.connection.client().post("v1/deployments", body);
    if (detach) {
      root.output(spec).done(created, "started deployment " + created.path("id").asText());
      return 0;
    }
    return follow(created.path("id").asLong());
  }

  @Command(
      description = "List recent deployments.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb deployments list", "  tdb deployments list --blueprint myapp --limit 10"})
  int list(
      @Option(names = "--blueprint", description = "only the ones of this blueprint")
          String blueprint,
      @Option(
              names = "--limit",
              defaultValue = "100",
              description = "at most this many (default 100)")
          int limit)
      throws ApiException {
    String path = Paths.list("deployments", limit, null);
    if (blueprint != null) {
      path = path + "&blueprint=" + URLEncoder.encode(blueprint, StandardCharsets.UTF_8);
    }
    root.output(spec)
        .list(
            root.connection.client().get(path),
            "id",
            "blueprint",
            "version",
            "status",
            "counts",
            "created_at");
    return 0;
  }

  @Command(
      description = "Show a deployment and each tenant's status.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb deployments status 7"})
  int status(@Parameters(paramLabel = "ID") long id) throws ApiException {
    JsonNode deployment = root.connection.client().get(Paths.of("deployments", Long.toString(id)));
    print(deployment);
    return 0;
  }

  private int follow(long id) throws ApiException {
    PrintWriter out = spec.commandLine().getOut();
    String path = Paths.of("deployments", Long.toString(id));
    String last = "";
    JsonNode deployment = root.connection.client().get(path);
    while (true) {
      String line = progress(deployment);
      if (!line.equals(last) && !root.connection.json) {
        out.println(line);
        out.flush();
        last = line;
      }
      if (!deployment.path("status").asText().equals("running")) {
        break;
      }
      sleep();
      deployment = root.connection.client().get(path);
    }
    print(deployment);
    return deployment.path("status").asText().equals("succeeded") ? 0 : ApiException.REFUSED;
  }

  private static String progress(JsonNode deployment) {
    JsonNode counts = deployment.path("counts");
    long total = 0;
    for (JsonNode count : counts) {
      total += count.asLong();
    }
    long done =
        counts.path("succeeded").asLong()
            + counts.path("failed").asLong()
            + counts.path("skipped").asLong();
    int width = 20;
    int filled = total == 0 ? width : (int) (done * width / total);
    return String.format(
        "deployment %d [%s%s] %d/%d  succeeded %d, failed %d, skipped %d",
        deployment.path("id").asLong(),
        "#".repeat(filled),
        ".".repeat(width - filled),
        done,
        total,
        counts.path("succeeded").asLong(),
        counts.path("failed").asLong(),
        counts.path("skipped").asLong());
  }

  private void print(JsonNode deployment) {
    Output output = root.output(spec);
    if (root.connection.json) {
      output.object(deployment);
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "deployment %d of %s to version %d: %s%n",
        deployment.path("id").asLong(),
        deployment.path("blueprint").asText(),
        deployment.path("version").asInt(),
        deployment.path(deployment.hasNonNull("summary") ? "summary" : "status").asText());
    for (JsonNode tenant : deployment.path("tenants")) {
      String error = tenant.hasNonNull("error") ? "  " + tenant.get("error").asText() : "";
      out.printf(
          "  %-40s %-9s %s -> %s%s%n",
          tenant.path("logical_name").asText(),
          tenant.path("status").asText(),
          version(tenant.path("from_version")),
          version(tenant.path("to_version")),
          error);
    }
    out.flush();
  }

  private static String version(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? "-" : value.asText();
  }

  private static void sleep() throws ApiException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiException.UNAVAILABLE, "interrupted", "interrupted", null);
    }
  }
}
