/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
    @JsonProperty("sql") String sql,
    @JsonProperty("tenants") List<String> tenants,
    @JsonProperty("blueprint") String blueprint,
    @JsonProperty("all") Boolean all,
    @JsonProperty("write") Boolean write,
    @JsonProperty("timeout_ms") Integer timeoutMs,
    @JsonProperty("parallelism") Integer parallelism) {}
