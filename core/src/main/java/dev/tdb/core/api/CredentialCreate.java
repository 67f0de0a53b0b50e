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
 * The body of {@code POST /v1/credentials}.
 *
 * @param blueprint the blueprint whose tenants the credential reaches (required)
 * @param tenants the tenants it reaches; all of the blueprint's when absent or empty
 * @param readOnly whether it may only read; false when absent
 * @param name what it is for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialCreate(
    @JsonProperty("blueprint") String blueprint,
    @JsonPropertyDescription(
            "tenant names (without the blueprint) it is limited to; absent or "
                + "empty for every tenant, also later ones")
        @JsonProperty("tenants")
        @Nullable List<String> tenants,
    @JsonProperty("read_only") @Nullable Boolean readOnly,
    @JsonPropertyDescription("defaults to the blueprint's name") @JsonProperty("name")
        @Nullable String name) {}
