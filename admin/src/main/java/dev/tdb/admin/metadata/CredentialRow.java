/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

/**
 * A data-plane credential as stored, without its secrets.
 *
 * @param id the key
 * @param accountId the account that issued it
 * @param blueprintId the blueprint whose tenants it reaches
 * @param blueprint the blueprint's name
 * @param user the user an application connects as ({@code tdbc_} and 12 hex characters)
 * @param name what the account called it
 * @param readOnly whether it reaches tenants as their read-only role
 * @param allTenants whether it reaches every tenant of the blueprint, or only those listed
 * @param createdAt when it was issued (ISO-8601)
 * @param revokedAt when it was revoked, or null
 */
public record CredentialRow(
    long id,
    long accountId,
    long blueprintId,
    String blueprint,
    String user,
    String name,
    boolean readOnly,
    boolean allTenants,
    String createdAt,
    String revokedAt) {}
