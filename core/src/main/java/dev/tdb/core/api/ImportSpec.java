/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/workspaces/{name}/imports} and, its source fields only, of {@code
 * POST /v1/workspaces/{name}/import-analysis}. An absent ({@code null}) field takes the default
 * docs/admin-api.md gives; {@code toString} never shows the password.
 *
 * @param host the source database's host (required)
 * @param port its port; 5432 when absent
 * @param database the source database (required)
 * @param user the user to read it as (required)
 * @param password that user's password
 * @param routingField the column naming each row's tenant; {@code tenant_id} when absent
 * @param kind {@code full} (schema and rows) or {@code data} (rows only)
 * @param dropRouting whether the routing column is dropped from routed tables
 * @param createTenants whether tenants are created for routing values
 * @param intoExisting whether rows may go into tenants that exist
 * @param tenants the routing values (tenant names) to import; all when absent
 * @param parallel how many tenants are imported at once
 * @param shared what happens to shared tables: {@code copy}, {@code control} or {@code skip}
 * @param nullRouting what happens to rows without a routing value
 * @param controlWorkspace the control workspace shared tables go to
 * @param tenantMap routing value to tenant name, where they differ
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportSpec(
    @JsonProperty("host") String host,
    @JsonProperty("port") @Nullable Integer port,
    @JsonProperty("database") String database,
    @JsonProperty("user") String user,
    @JsonProperty("password") @Nullable String password,
    @JsonProperty("routing_field") @Nullable String routingField,
    @JsonProperty("kind") @Nullable String kind,
    @JsonProperty("drop_routing") @Nullable Boolean dropRouting,
    @JsonProperty("create_tenants") @Nullable Boolean createTenants,
    @JsonProperty("into_existing") @Nullable Boolean intoExisting,
    @JsonProperty("tenants") @Nullable List<String> tenants,
    @JsonProperty("parallel") @Nullable Integer parallel,
    @JsonProperty("shared") @Nullable String shared,
    @JsonProperty("null_routing") @Nullable String nullRouting,
    @JsonPropertyDescription(
            "the caller's control workspace shared tables go to with shared control")
        @JsonProperty("control_workspace")
        @Nullable String controlWorkspace,
    @JsonPropertyDescription(
            "tenant names for routing values (value to name); unmapped values get derived names")
        @JsonProperty("tenant_map")
        @Nullable Map<String, String> tenantMap) {

  /** A request that names the source only (what an analysis reads); every option absent. */
  public static ImportSpec source(
      String host, int port, String database, String user, String password, String routingField) {
    return new ImportSpec(
        host,
        port,
        database,
        user,
        password,
        routingField,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The password left out. */
  @Override
  public String toString() {
    return "ImportSpec[" + user + "@" + host + ":" + port + "/" + database + ", kind=" + kind + "]";
  }
}
