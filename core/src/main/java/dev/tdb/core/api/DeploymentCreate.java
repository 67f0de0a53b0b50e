/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
    @JsonProperty("blueprint") String blueprint,
    @JsonProperty("version") Integer version,
    @JsonProperty("tenants") List<String> tenants,
    @JsonProperty("all") Boolean all,
    @JsonProperty("parallel") Integer parallel,
    @JsonProperty("stop_on_failure") Boolean stopOnFailure,
    @JsonProperty("canary") Integer canary) {}
