/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tdb.core.api.CredentialCreate;
import dev.tdb.core.api.TenantCreate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb tenants}: one database per customer, built from a blueprint. */
@Command(
    name = "tenants",
    description = "Create, list, suspend and delete tenants; read their query logs.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {"  tdb tenants create myapp__globex", "  tdb tenants list --blueprint myapp"})
final class TenantsCommand {
  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description =
          "Create a tenant database: myapp__acme, or acme --blueprint myapp; prints how to"
              + " connect to it (psql and jdbc:tdb: URLs) with a data-plane credential:"
              + " placeholders, or a credential for this tenant issued with --with-credential.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb tenants create myapp__globex",
        "  tdb tenants create globex --blueprint myapp --cluster eu-1",
        "  tdb tenants create myapp__globex --with-credential"
      })
  int create(
      @Parameters(paramLabel = "TENANT", description = "myapp__acme, or acme with --blueprint")
          String tenant,
      @Option(names = "--blueprint", description = "the blueprint, e.g. myapp") String blueprint,
      @Option(names = "--cluster", description = "cluster to place it on (default: emptiest)")
          String cluster,
      @Option(
              names = "--with-credential",
              description =
                  "also issue a credential for this tenant only and print URLs with it (its"
                      + " secret is shown only now)")
          boolean withCredential)
      throws ApiException {
    String[] parts = split(tenant, blueprint);
    JsonNode created =
        root.connection.client().post("v1/tenants", new TenantCreate(parts[0], parts[1], cluster));
    String logical = created.path("logical_name").asText(parts[0] + "__" + parts[1]);
    ConnectionStrings urls = root.connection.connectionStrings();
    String issuedText = "";
    if (withCredential) {
      JsonNode issued = issueCredential(parts, logical);
      String user = issued.path("credential").path("user").asText();
      String secret = issued.path("secret").asText();
      urls = urls.with(user, secret);
      issuedText = "  credential " + user + "   secret " + secret + "   (shown only now)\n";
      if (created instanceof ObjectNode object) {
        object.set("credential", issued);
      }
    }
    root.output(spec)
        .done(
            withUrls(created, urls, logical),
            "created tenant "
                + logical
                + " on cluster "
                + created.path("cluster").asText("?")
                + "\n"
                + issuedText
                + describe(urls, logical));
    return 0;
  }

  /** A credential for the new tenant only, named after it; its secret is in the answer only. */
  private JsonNode issueCredential(String[] parts, String logical) throws ApiException {
    return root.connection
        .client()
        .post("v1/credentials", new CredentialCreate(parts[0], List.of(parts[1]), null, logical));
  }

  /** The tenant with its connection strings as fields, for {@code --json} and the field list. */
  private static JsonNode withUrls(JsonNode tenant, ConnectionStrings urls, String logical) {
    if (tenant instanceof ObjectNode object) {
      urls.psql(logical).ifPresent(psql -> object.put("psql_url", psql));
      object.put("jdbc_url", urls.jdbc(logical));
    }
    return tenant;
  }

  /** How to connect, for people: as {@code tdb up} prints it, then what could not be said. */
  private static String describe(ConnectionStrings urls, String logical) {
    StringBuilder text = new StringBuilder();
    urls.psql(logical).ifPresent(psql -> text.append("  psql \"").append(psql).append("\"\n"));
    text.append("  jdbc ").append(urls.jdbc(logical));
    String caveats = caveats(urls, logical);
    return caveats.isEmpty() ? text.toString() : text + "\n" + caveats;
  }

  /** Why a connection string is missing or has placeholders; empty when nothing is. */
  private static String caveats(ConnectionStrings urls, String logical) {
    StringBuilder text = new StringBuilder();
    if (urls.proxy().isEmpty()) {
      text.append("(no psql URL: the proxy's address comes from the profile tdb up writes for")
          .append(" this admin service)");
    }
    if (urls.hasPlaceholders()) {
      int cut = logical.indexOf("__");
      text.append(text.isEmpty() ? "" : "\n")
          .append("(a data-plane credential goes in place of ")
          .append(ConnectionStrings.USER)
          .append(" and ")
          .append(ConnectionStrings.SECRET)
          .append(", never the account's secret: tdb credentials create --blueprint ")
          .append(logical, 0, Math.max(cut, 0))
          .append(" --tenants ")
          .append(logical.substring(cut + 2))
          .append(")");
    }
    return text.toString();
  }

  /** Blueprint and tenant name from {@code bp__name} or a name plus {@code --blueprint}. */
  private String[] split(String tenant, String blueprint) {
    if (blueprint != null) {
      return new String[] {blueprint, tenant};
    }
    int cut = tenant.indexOf("__");
    if (cut <= 0) {
      throw new ParameterException(
          spec.commandLine(),
          "give the tenant as <blueprint>__<name> (myapp__acme) or add --blueprint");
    }
    return new String[] {tenant.substring(0, cut), tenant.substring(cut + 2)};
  }

  @Command(
      description = "List tenants, optionally of one blueprint.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants list", "  tdb tenants list --blueprint myapp --limit 20 --json"})
  int list(
      @Option(names = "--blueprint", description = "only the ones of this blueprint")
          String blueprint,
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
    String path = Paths.list("tenants", limit, after);
    if (blueprint != null) {
      path += "&blueprint=" + URLEncoder.encode(blueprint, StandardCharsets.UTF_8);
    }
    root.output(spec)
        .list(root.connection.client().get(path), "logical_name", "status", "cluster", "database");
    return 0;
  }

  @Command(
      description = "Show one tenant, with how to connect to it (psql_url, jdbc_url).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants get myapp__acme", "  tdb tenants get myapp__acme --json"})
  int get(@Parameters(paramLabel = "TENANT") String tenant) throws ApiException {
    JsonNode found = root.connection.client().get(Paths.of("tenants", tenant));
    String logical = found.path("logical_name").asText(tenant);
    ConnectionStrings urls = root.connection.connectionStrings();
    Output output = root.output(spec);
    output.object(withUrls(found, urls, logical));
    String caveats = caveats(urls, logical);
    if (!caveats.isEmpty()) {
      output.note(caveats);
    }
    return 0;
  }

  @Command(
      description =
          "Delete a tenant: soft by default (connections refused, data kept, restorable); --hard"
              + " drops its database and role.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants delete myapp__globex", "  tdb tenants delete myapp__globex --hard"})
  int delete(
      @Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--hard", description = "drop the database and role for good") boolean hard)
      throws ApiException {
    String path = Paths.of("tenants", tenant) + (hard ? "?hard=true" : "");
    JsonNode response = root.connection.client().delete(path);
    root.output(spec)
        .done(response, (hard ? "dropped tenant " : "deleted (restorable) tenant ") + tenant);
    return 0;
  }

  @Command(
      description = "Restore a soft-deleted tenant.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants restore myapp__globex"})
  int restore(@Parameters(paramLabel = "TENANT") String tenant) throws ApiException {
    return transition(tenant, "restore", "restored");
  }

  @Command(
      description = "Suspend a tenant: its sessions end and new connections are refused.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants suspend myapp__globex"})
  int suspend(@Parameters(paramLabel = "TENANT") String tenant) throws ApiException {
    return transition(tenant, "suspend", "suspended");
  }

  @Command(
      description = "Resume a suspended tenant.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants resume myapp__globex"})
  int resume(@Parameters(paramLabel = "TENANT") String tenant) throws ApiException {
    return transition(tenant, "resume", "resumed");
  }

  @Command(
      description =
          "Recent statements of a tenant from the proxy's query log, newest first (SQL as the"
              + " proxy cut it; parameter values are never logged).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb tenants logs myapp__acme --since 30m",
        "  tdb tenants logs myapp__acme --type slow --slow-ms 250"
      })
  int logs(
      @Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--since", defaultValue = "1h", description = "how far back: 30m, 1h, 7d")
          String since,
      @Option(names = "--type", description = "error or slow") String type,
      @Option(names = "--slow-ms", description = "the threshold of --type slow (default 1000)")
          Double slowMs,
      @Option(
              names = "--limit",
              defaultValue = "100",
              description = "at most this many (default 100)")
          int limit)
      throws ApiException {
    StringBuilder path =
        new StringBuilder(Paths.of("tenants", tenant))
            .append("/logs?since=")
            .append(URLEncoder.encode(since, StandardCharsets.UTF_8))
            .append("&limit=")
            .append(limit);
    if (type != null) {
      path.append("&type=").append(URLEncoder.encode(type, StandardCharsets.UTF_8));
    }
    if (slowMs != null) {
      path.append("&slow_ms=").append(slowMs);
    }
    root.output(spec)
        .list(
            root.connection.client().get(path.toString()),
            "time",
            "kind",
            "duration_ms",
            "rows",
            "sqlstate",
            "client",
            "sql");
    return 0;
  }

  @Command(
      description =
          "Hourly figures of a tenant from the proxy's statement statistics: queries, average and"
              + " longest duration, errors.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb tenants metrics myapp__acme --since 7d"})
  int metrics(
      @Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--since", defaultValue = "24h", description = "how far back: 6h, 24h, 7d")
          String since)
      throws ApiException {
    String path =
        Paths.of("tenants", tenant)
            + "/metrics?since="
            + URLEncoder.encode(since, StandardCharsets.UTF_8);
    root.output(spec)
        .list(root.connection.client().get(path), "hour", "queries", "avg_ms", "max_ms", "errors");
    return 0;
  }

  @Command(
      description =
          "The most expensive statements of a tenant from the proxy's statement statistics,"
              + " normalized (constants are $n placeholders).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb tenants top myapp__acme",
        "  tdb tenants top myapp__acme --by calls --since 24h"
      })
  int top(
      @Parameters(paramLabel = "TENANT") String tenant,
      @Option(
              names = "--by",
              defaultValue = "total",
              description = "total (time, default), calls, mean (time) or errors")
          String by,
      @Option(names = "--since", defaultValue = "1h", description = "how far back: 15m, 1h, 7d")
          String since,
      @Option(
              names = "--limit",
              defaultValue = "20",
              description = "at most this many (default 20)")
          int limit)
      throws ApiException {
    String path =
        Paths.of("tenants", tenant)
            + "/statements?by="
            + URLEncoder.encode(by, StandardCharsets.UTF_8)
            + "&since="
            + URLEncoder.encode(since, StandardCharsets.UTF_8)
            + "&limit="
            + limit;
    root.output(spec)
        .list(
            root.connection.client().get(path),
            "total_ms",
            "calls",
            "mean_ms",
            "max_ms",
            "rows",
            "errors",
            "query");
    return 0;
  }

  private int transition(String tenant, String action, String done) throws ApiException {
    JsonNode response =
        root.connection.client().post(Paths.of("tenants", tenant) + "/" + action, Map.of());
    root.output(spec).done(response, done + " tenant " + tenant);
    return 0;
  }
}
