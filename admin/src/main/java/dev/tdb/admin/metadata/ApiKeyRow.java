/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * An API key as listed: never the key itself, which is stored only as a hash.
 *
 * @param id the key's id, used to revoke it
 * @param name what the owner called it
 * @param scope what the key may use: {@code admin}, {@code member}, {@code read-only}, {@code
 *     routing}
 * @param createdAt when it was created (ISO-8601)
 * @param revokedAt when it was revoked (ISO-8601), or null while it is valid
 */
public record ApiKeyRow(
    String id,
    String name,
    @JsonPropertyDescription("what the key may use (docs/admin-api.md, Scopes)") String scope,
    String createdAt,
    @Nullable String revokedAt) {}
