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
 * The body of {@code POST /v1/apikeys}.
 *
 * @param name what the key is for (required)
 * @param scope {@code admin}, {@code read}, {@code routing} or {@code proxy}; {@code admin} when
 *     absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyCreate(
    @JsonProperty("name") String name,
    @JsonPropertyDescription("defaults to the caller's own scope; admin only for an admin")
        @JsonProperty("scope")
        @Nullable String scope) {}
