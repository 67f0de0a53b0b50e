/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/query}: one SQL statement run on many tenants.
 *
 * @param sql the statement (required)
 * @param tenants the tenants to run it on
 * @param blueprint the blueprint whose tenants {@code all} means
 * @param all whether to run it on every tenant of the blueprint; false when absent
 * @param write whether it may write; false (read-only) when absent
 * @param timeoutMs the bound per tenant; the service's default when absent
 * @param parallelism how many tenants run it at once; the service's default when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FanOutQuery(
    @JsonPropertyDescription("exactly one statement") @JsonProperty("sql") String sql,
    @JsonPropertyDescription("logical names (myapp__acme); or all with blueprint")
        @JsonProperty("tenants")
        @Nullable List<String> tenants,
    @JsonPropertyDescription("whose tenants all means") @JsonProperty("blueprint")
        @Nullable String blueprint,
    @JsonPropertyDescription("every tenant of blueprint") @JsonProperty("all")
        @Nullable Boolean all,
    @JsonPropertyDescription(
            "READ WRITE transactions, committed per tenant (audited as query.write)")
        @JsonProperty("write")
        @Nullable Boolean write,
    @JsonPropertyDescription(
            "statement timeout per tenant, at most the workspace's query_timeout_ms")
        @JsonProperty("timeout_ms")
        @Nullable Integer timeoutMs,
    @JsonPropertyDescription(
            "tenants queried at once; lowered to a quarter of the smallest "
                + "involved cluster's connections for roles that are not superusers")
        @JsonProperty("parallelism")
        @Nullable Integer parallelism) {}
