/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import dev.tdb.core.api.ImportSpec;
import picocli.CommandLine.Option;

/** The source database of {@code tdb workspaces import-*}. */
final class ImportSourceOptions {
  @Option(names = "--host", required = true, description = "source server host")
  String host;

  @Option(names = "--port", defaultValue = "5432", description = "source server port")
  int port;

  @Option(names = "--database", required = true, description = "source database")
  String database;

  // --user names the tdb account (ConnectionOptions), so the source's user has its own flag.
  @Option(names = "--source-user", required = true, description = "source user (needs SELECT only)")
  String user;

  @Option(
      names = "--password",
      description = "source password (env TDB_SOURCE_PASSWORD; prefer the environment)")
  String password;

  @Option(
      names = "--routing-field",
      defaultValue = "tenant_id",
      description = "the column naming each row's tenant")
  String routingField;

  /** The request naming the source only, as an analysis takes it. */
  ImportSpec spec() {
    String secret = password != null ? password : System.getenv("TDB_SOURCE_PASSWORD");
    return ImportSpec.source(host, port, database, user, secret, routingField);
  }
}
