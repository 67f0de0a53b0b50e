/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

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
    int version,
    Long deploymentId,
    String error,
    String sqlState,
    String updatedAt) {}
