/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's part in a deployment.
 *
 * @param tenantId the tenant's key
 * @param logicalName the tenant's logical name
 * @param status where it is
 * @param fromVersion the version it was at, or null before it ran
 * @param toVersion the version it reached, or null before it ran
 * @param error PostgreSQL's message when it failed, or null
 * @param sqlState PostgreSQL's SQLSTATE when it failed, or null
 */
public record DeploymentTenantRow(
    @JsonPropertyDescription("the tenant's key") long tenantId,
    @JsonPropertyDescription("the tenant") String logicalName,
    TenantRunStatus status,
    @Nullable Integer fromVersion,
    @Nullable Integer toVersion,
    @JsonPropertyDescription("PostgreSQL's message") @Nullable String error,
    @JsonPropertyDescription("PostgreSQL's SQLSTATE") @Nullable String sqlState) {}
