/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/apikeys}.
 *
 * @param name what the key is for (required)
 * @param scope {@code admin}, {@code read}, {@code routing} or {@code proxy}; {@code admin} when
 *     absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyCreate(
    @JsonProperty("name") String name, @JsonProperty("scope") String scope) {}
