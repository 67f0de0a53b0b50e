/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The source database of {@code tdb workspaces import-*}. */
final class ImportOptions {
  @Option(names = "--host", required = true, description = "source server host")
  String host;

  @Option(names = "--port", defaultValue = "5432", description = "source server port")
  int port;

  @Option(names = "--database", required = true, description = "source database")
  String database;

  @Option(names = "--user", required = true, description = "source user (needs SELECT only)")
  String user;

  @Option(names = "--password", description = "source password", interactive = false)
  String password;

  @Option(
      names = "--routing-field",
      defaultValue = "tenant_id",
      description = "the column naming each row's tenant")
  String routingField;

  /** The request body fields for the source. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("host", host);
    body.put("port", port);
    body.put("database", database);
    body.put("user", user);
    if (password != null) {
      body.put("password", password);
    }
    body.put("routing_field", routingField);
    return body;
  }
}
