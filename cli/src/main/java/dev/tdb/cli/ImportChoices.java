/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import dev.tdb.core.api.ImportSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How {@code tdb workspaces import-full|import-data} imports. */
final class ImportChoices {
  @Option(
      names = "--drop-routing",
      defaultValue = "true",
      arity = "1",
      description = "drop the routing column in tenant databases (import-full)")
  boolean dropRouting;

  @Option(
      names = "--create-tenants",
      defaultValue = "true",
      arity = "1",
      description = "create the tenants (else they must exist)")
  boolean createTenants;

  @Option(names = "--into-existing", description = "import into tenants that exist already")
  boolean intoExisting;

  @Option(names = "--tenants", split = ",", description = "only these tenants (names)")
  List<String> tenants;

  @Option(names = "--parallel", defaultValue = "4", description = "tenants copied at once")
  int parallel;

  @Option(
      names = "--shared",
      defaultValue = "copy",
      description =
          "tables without routing column: copy (into every tenant), skip, or control (into"
              + " --control-workspace)")
  String shared;

  @Option(
      names = "--control-workspace",
      description = "the control workspace shared tables go to with --shared control")
  String controlWorkspace;

  @Option(
      names = "--tenant-map",
      paramLabel = "FILE",
      description =
          "tenant names for routing values: one routing_value=tenant_name a line, # comments;"
              + " unmapped values get derived names")
  Path tenantMap;

  @Option(
      names = "--null-routing",
      defaultValue = "refuse",
      description = "rows with NULL routing value: refuse or skip")
  String nullRouting;

  /** The import of {@code kind} from {@code source} with these choices. */
  ImportSpec spec(ImportSpec source, String kind) throws ApiException {
    return new ImportSpec(
        source.host(),
        source.port(),
        source.database(),
        source.user(),
        source.password(),
        source.routingField(),
        kind,
        dropRouting,
        createTenants,
        intoExisting,
        tenants,
        parallel,
        shared,
        nullRouting,
        controlWorkspace,
        tenantMap == null ? null : readTenantMap(tenantMap));
  }

  /**
   * The {@code routing_value=tenant_name} lines of {@code file}, blank lines and {@code #} comments
   * left out.
   *
   * @throws ApiException when the file cannot be read or a line has no {@code =}
   */
  static Map<String, String> readTenantMap(Path file) throws ApiException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ApiException(
          ApiException.REFUSED,
          "tenant_map_unreadable",
          "cannot read the tenant map " + file + ": " + e.getMessage(),
          "give a readable file with one routing_value=tenant_name a line");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new ApiException(
            ApiException.REFUSED,
            "tenant_map_line",
            file + " line " + (i + 1) + " has no '=': " + line,
            "write routing_value=tenant_name");
      }
      map.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
    }
    return map;
  }
}
