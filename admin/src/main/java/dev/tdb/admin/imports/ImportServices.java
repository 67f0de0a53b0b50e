/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.blueprints.WorkspaceSchemas;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.deployments.DeploymentService;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.admin.sources.SourceGate;
import dev.tdb.admin.tenants.TenantService;

/**
 * What an import drives.
 *
 * @param store the metadata database
 * @param pools connections to clusters
 * @param box opens sealed passwords
 * @param tenants creates tenants
 * @param deployments deploys the imported schema
 * @param schemas imports the schema into the workspace
 * @param sources decides which source databases the caller may have read
 * @param freeSpaceReserve bytes an import leaves free on the target beyond what it writes
 */
public record ImportServices(
    MetadataStore store,
    ClusterPools pools,
    SecretBox box,
    TenantService tenants,
    DeploymentService deployments,
    WorkspaceSchemas schemas,
    SourceGate sources,
    long freeSpaceReserve) {}
