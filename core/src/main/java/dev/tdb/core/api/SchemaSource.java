/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/workspaces/{name}/schema}: exactly one of the two.
 *
 * @param database a database URL to read the schema from
 * @param template a built-in template: {@code saas}, {@code ecommerce} or {@code blog}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaSource(
    @JsonPropertyDescription(
            "postgresql://user:password@host:port/db or "
                + "jdbc:postgresql://host:port/db?user=..&password=..")
        @JsonProperty("database")
        @Nullable String database,
    @JsonProperty("template") @Nullable String template) {

  /** The database URL left out: it may carry a password. */
  @Override
  public String toString() {
    return "SchemaSource[" + (database != null ? "database" : "template " + template) + "]";
  }
}
