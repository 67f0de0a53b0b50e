/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tdb.core.api.CredentialCreate;
import dev.tdb.core.api.CredentialRotate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tdb credentials}: data-plane users for applications' database URLs. */
@Command(
    name = "credentials",
    description =
        "Create, list, rotate and revoke credentials for applications: a user and secret that"
            + " reach only a blueprint's tenant databases, never the admin API.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  tdb credentials create --blueprint myapp",
      "  tdb credentials create --blueprint myapp --tenants acme,globex --read-only",
      "  tdb credentials list",
      "  tdb credentials rotate 3 --overlap 1h",
      "  tdb credentials revoke 3"
    })
final class CredentialsCommand {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");

  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Command(
      description = "Create a credential; its secret is shown once, in its connection strings.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb credentials create --blueprint myapp                 # every tenant, also later ones",
        "  tdb credentials create --blueprint myapp --tenants acme --read-only --name reports"
      })
  int create(
      @Option(names = "--blueprint", required = true, description = "the blueprint, e.g. myapp")
          String blueprint,
      @Option(
              names = "--tenants",
              split = ",",
              paramLabel = "TENANT",
              description = "only these tenants (names without the blueprint); default: all")
          List<String> tenants,
      @Option(names = "--read-only", description = "sessions can read but never write")
          boolean readOnly,
      @Option(names = "--name", description = "what it is for (default: the blueprint)")
          String name)
      throws ApiException {
    CredentialCreate body =
        new CredentialCreate(
            blueprint, tenants == null || tenants.isEmpty() ? null : tenants, readOnly, name);
    JsonNode created = root.connection.client().post("v1/credentials", body);
    root.output(spec).done(created, describe("created", created, blueprint, tenants));
    return 0;
  }

  @Command(
      description = "List credentials (without secrets), with when rotated secrets expire.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb credentials list", "  tdb credentials list --json"})
  int list(
      @Option(
              names = "--limit",
              defaultValue = "100",
              description = "at most this many (default 100)")
          int limit,
      @Option(names = "--after", description = "continue after this id (more: --after ...)")
          String after)
      throws ApiException {
    JsonNode page = root.connection.client().get(Paths.list("credentials", limit, after));
    for (JsonNode item : page.path("items")) {
      if (item instanceof ObjectNode object) {
        object.put("secrets_valid", secrets(item.path("secrets")));
      }
    }
    root.output(spec)
        .list(page, "id", "user", "name", "blueprint", "tenants", "read_only", "secrets_valid");
    return 0;
  }

  @Command(
      description =
          "Give a credential a new secret; the old one keeps working for the overlap, then stops"
              + " (PostgreSQL refuses its login and its sessions end).",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb credentials rotate 3", "  tdb credentials rotate 3 --overlap 0"})
  int rotate(
      @Parameters(paramLabel = "ID") String id,
      @Option(
              names = "--overlap",
              defaultValue = "24h",
              description = "how long the old secret keeps working: 90s, 30m, 24h, 7d, 0")
          String overlap)
      throws ApiException {
    CredentialRotate body = new CredentialRotate(seconds(overlap));
    JsonNode rotated = root.connection.client().post(Paths.of("credentials", id) + "/rotate", body);
    root.output(spec).done(rotated, describe("rotated", rotated, null, null));
    return 0;
  }

  @Command(
      description =
          "Revoke a credential: its PostgreSQL login is dropped and its sessions (the driver's too)"
              + " end at once.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {"  tdb credentials revoke 3"})
  int revoke(@Parameters(paramLabel = "ID") String id) throws ApiException {
    JsonNode response = root.connection.client().delete(Paths.of("credentials", id));
    root.output(spec).done(response, "revoked credential " + id);
    return 0;
  }

  /** What was issued, with the secret and ready-to-paste connection strings. */
  private String describe(String verb, JsonNode issued, String blueprint, List<String> tenants)
      throws ApiException {
    JsonNode credential = issued.path("credential");
    String user = credential.path("user").asText();
    String secret = issued.path("secret").asText();
    String bp = blueprint != null ? blueprint : credential.path("blueprint").asText();
    ConnectionStrings account = root.connection.connectionStrings();
    ConnectionStrings urls = new ConnectionStrings(account.admin(), user, secret, account.proxy());
    List<String> names = new ArrayList<>();
    JsonNode listed = credential.path("tenants");
    if (listed.isArray()) {
      listed.forEach(tenant -> names.add(tenant.asText()));
    } else if (tenants == null || tenants.isEmpty()) {
      names.add(bp + "__TENANT");
    }
    StringBuilder text = new StringBuilder();
    text.append(verb)
        .append(" credential ")
        .append(credential.path("id").asText())
        .append(" (")
        .append(credential.path("read_only").asBoolean() ? "read-only, " : "")
        .append(listed.isArray() ? "tenants " + String.join(", ", names) : "every tenant")
        .append(" of ")
        .append(bp)
        .append(")\n  user    ")
        .append(user)
        .append("\n  secret  ")
        .append(secret)
        .append("   (shown only now)\n");
    for (String logical : names) {
      urls.psql(logical).ifPresent(psql -> text.append("  psql \"").append(psql).append("\"\n"));
      text.append("  jdbc ").append(urls.jdbc(logical)).append('\n');
    }
    if (urls.proxy().isEmpty()) {
      text.append("(no psql URL: the proxy's address comes from the profile tdb up writes)\n");
    }
    text.append("It reaches those databases only; the admin API refuses it.");
    return text.toString();
  }

  private static String secrets(JsonNode secrets) {
    if (secrets.size() <= 1) {
      return secrets.size() == 1 ? "1" : "0";
    }
    String until = secrets.get(secrets.size() - 1).path("expires_at").asText();
    return secrets.size() + " (previous until " + until + ")";
  }

  private long seconds(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "--overlap takes a number and s, m, h or d (90s, 30m, 24h, 7d), got '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    Duration duration =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofSeconds(amount);
        };
    return duration.toSeconds();
  }
}
