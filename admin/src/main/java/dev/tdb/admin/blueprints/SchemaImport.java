/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What a schema import applied to a workspace.
 *
 * @param source where the schema came from ({@code template saas}, {@code database host:port/db})
 * @param applied how many statements ran in the workspace
 * @param skipped the statements that did not, each with why
 * @param versions the versions captured from them, oldest first
 */
public record SchemaImport(
    @JsonPropertyDescription("`template <name>` or `database <host:port/db>`") String source,
    @JsonPropertyDescription("statements run in the workspace") int applied,
    List<Skipped> skipped,
    List<BlueprintVersion> versions) {

  /**
   * A statement of the schema that was not applied.
   *
   * @param statement its text
   * @param reason why
   */
  public record Skipped(String statement, String reason) {}

  /** Copies the lists. */
  public SchemaImport {
    skipped = List.copyOf(skipped);
    versions = List.copyOf(versions);
  }
}
