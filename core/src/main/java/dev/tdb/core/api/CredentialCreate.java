/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
    @JsonProperty("tenants") List<String> tenants,
    @JsonProperty("read_only") Boolean readOnly,
    @JsonProperty("name") String name) {}
