/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.cli;

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
      description = "tables without routing column: copy or skip")
  String shared;

  @Option(
      names = "--null-routing",
      defaultValue = "refuse",
      description = "rows with NULL routing value: refuse or skip")
  String nullRouting;

  /** The request body fields. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("drop_routing", dropRouting);
    body.put("create_tenants", createTenants);
    body.put("into_existing", intoExisting);
    if (tenants != null) {
      body.put("tenants", tenants);
    }
    body.put("parallel", parallel);
    body.put("shared", shared);
    body.put("null_routing", nullRouting);
    return body;
  }
}
