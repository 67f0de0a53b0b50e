/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * What the metadata knows of one blueprint's template database on one cluster.
 *
 * @param clusterId the cluster
 * @param cluster its name
 * @param version the version the template last reached
 * @param deploymentId the deployment that last upgraded it, or null
 * @param error why its last upgrade failed, or null
 * @param sqlState the SQLSTATE of that failure, or null
 * @param updatedAt when this was recorded (ISO-8601)
 */
public record TemplateRow(
    long clusterId,
    String cluster,
    @JsonPropertyDescription("the version the template last reached") int version,
    @JsonPropertyDescription("the deployment that last upgraded it") @Nullable Long deploymentId,
    @JsonPropertyDescription("why its last upgrade failed") @Nullable String error,
    @JsonPropertyDescription("PostgreSQL's SQLSTATE of that failure") @Nullable String sqlState,
    @JsonPropertyDescription("ISO-8601") String updatedAt) {}
