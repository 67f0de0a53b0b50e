/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.util.Map;

/**
 * A deployment and how far it got.
 *
 * @param id its number
 * @param blueprintId the blueprint's key
 * @param blueprint the blueprint's name
 * @param ownerId the owning account's key
 * @param targetVersion the version it takes tenants to
 * @param parallel how many tenants are upgraded at once
 * @param stopOnFailure true when the first failure stops it
 * @param status where it is
 * @param createdAt when it was created (ISO-8601)
 * @param finishedAt when it finished (ISO-8601), or null
 * @param counts tenants per status, every status present
 * @param canary how many tenants (in logical-name order) must succeed before the others start, or
 *     null
 */
public record DeploymentRow(
    long id,
    long blueprintId,
    String blueprint,
    long ownerId,
    int targetVersion,
    int parallel,
    boolean stopOnFailure,
    RunStatus status,
    String createdAt,
    String finishedAt,
    Map<TenantRunStatus, Long> counts,
    Integer canary) {}
