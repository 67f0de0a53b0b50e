/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.accounts.AccountService;
import dev.tdb.admin.accounts.ApiKeyService;
import dev.tdb.admin.accounts.AuditService;
import dev.tdb.admin.blueprints.BlueprintService;
import dev.tdb.admin.blueprints.DriftService;
import dev.tdb.admin.blueprints.WorkspaceSchemas;
import dev.tdb.admin.clusters.ClusterService;
import dev.tdb.admin.credentials.CredentialService;
import dev.tdb.admin.deployments.DeploymentService;
import dev.tdb.admin.imports.ImportService;
import dev.tdb.admin.query.QueryService;
import dev.tdb.admin.querylog.QueryLogService;
import dev.tdb.admin.routing.RoutingService;
import dev.tdb.admin.tenants.SettingsService;
import dev.tdb.admin.tenants.TenantService;
import dev.tdb.admin.tenants.WorkspaceService;

/**
 * The services the REST handlers call; the same ones InProcessAdmin uses.
 *
 * @param accounts accounts and authentication
 * @param apiKeys API keys
 * @param audit the audit log
 * @param clusters clusters
 * @param workspaces workspaces
 * @param settings workspace settings
 * @param tenants tenants
 * @param routing routing entries
 * @param blueprints blueprints and their versions
 * @param deployments deployments
 * @param schemas reverts and schema imports in tenant workspaces
 * @param drift schema drift of tenants against their blueprint's template
 * @param queryLog the proxy's query log
 * @param imports imports of shared databases into blueprints and tenants
 * @param query fan-out queries over many tenants
 * @param credentials data-plane credentials for applications
 */
public record Services(
    AccountService accounts,
    ApiKeyService apiKeys,
    AuditService audit,
    ClusterService clusters,
    WorkspaceService workspaces,
    SettingsService settings,
    TenantService tenants,
    RoutingService routing,
    BlueprintService blueprints,
    DeploymentService deployments,
    WorkspaceSchemas schemas,
    DriftService drift,
    QueryLogService queryLog,
    ImportService imports,
    QueryService query,
    CredentialService credentials) {}
