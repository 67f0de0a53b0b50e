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
 * The body of {@code POST /v1/deployments}.
 *
 * @param blueprint the blueprint to deploy (required)
 * @param version the version to deploy; the newest when absent
 * @param tenants the tenants to deploy to
 * @param all whether to deploy to every tenant of the blueprint; false when absent
 * @param parallel how many tenants are upgraded at once; the service's default when absent
 * @param stopOnFailure whether the first failed tenant stops the rest; false when absent
 * @param canary how many tenants go first, alone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentCreate(
    @JsonPropertyDescription("the blueprint") @JsonProperty("blueprint") String blueprint,
    @JsonPropertyDescription("target version; default the newest") @JsonProperty("version")
        @Nullable Integer version,
    @JsonPropertyDescription("tenant names or logical names; or all") @JsonProperty("tenants")
        @Nullable List<String> tenants,
    @JsonPropertyDescription("every tenant that is not deleted") @JsonProperty("all")
        @Nullable Boolean all,
    @JsonPropertyDescription("tenants upgraded at once, 1 to 64, default 4")
        @JsonProperty("parallel")
        @Nullable Integer parallel,
    @JsonPropertyDescription("stop at the first failing tenant; the rest are skipped")
        @JsonProperty("stop_on_failure")
        @Nullable Boolean stopOnFailure,
    @JsonPropertyDescription(
            "upgrade the first K tenants (by logical name) first; the others "
                + "start only when all of them succeeded, otherwise they are skipped")
        @JsonProperty("canary")
        @Nullable Integer canary) {}
