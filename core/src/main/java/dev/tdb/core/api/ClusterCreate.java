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
 * The body of {@code POST /v1/clusters}; {@code toString} never shows the password.
 *
 * @param name the cluster's name (required)
 * @param host the PostgreSQL server's host (required)
 * @param port its port (required)
 * @param superuser the role tdb manages the cluster as (required)
 * @param password that role's password (required)
 * @param sslMode pgjdbc's {@code sslmode} for connections to it; the service's default when absent
 * @param capacity how many databases it may hold; the service's default when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterCreate(
    @JsonProperty("name") String name,
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("superuser") String superuser,
    @JsonProperty("password") String password,
    @JsonProperty("ssl_mode") @Nullable String sslMode,
    @JsonPropertyDescription("how many databases it may host") @JsonProperty("capacity")
        @Nullable Integer capacity) {

  /** The password left out. */
  @Override
  public String toString() {
    return "ClusterCreate[" + name + ": " + superuser + "@" + host + ":" + port + "]";
  }
}
