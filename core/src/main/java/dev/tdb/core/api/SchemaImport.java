/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/workspaces/{name}/schema}: exactly one of the two.
 *
 * @param database a database URL to read the schema from
 * @param template a built-in template: {@code saas}, {@code ecommerce} or {@code blog}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaImport(
    @JsonProperty("database") String database, @JsonProperty("template") String template) {

  /** The database URL left out: it may carry a password. */
  @Override
  public String toString() {
    return "SchemaImport[" + (database != null ? "database" : "template " + template) + "]";
  }
}
