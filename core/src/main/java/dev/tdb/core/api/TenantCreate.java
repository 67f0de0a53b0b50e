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
 * The body of {@code POST /v1/tenants}.
 *
 * @param blueprint the blueprint the tenant is built from (required)
 * @param name the tenant's name within the blueprint (required)
 * @param cluster the cluster to place it on; {@code null} lets the service choose
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantCreate(
    @JsonProperty("blueprint") String blueprint,
    @JsonPropertyDescription(
            "without `__`; blueprint and name together at most 57 characters "
                + "(the runtime role must fit PostgreSQL's 63)")
        @JsonProperty("name")
        String name,
    @JsonPropertyDescription("default: the cluster with most free capacity")
        @JsonProperty("cluster")
        @Nullable String cluster) {}
