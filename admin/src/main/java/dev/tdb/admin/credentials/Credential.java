/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.credentials;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.admin.metadata.CredentialSecretRow;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A data-plane credential as listed: never its secret.
 *
 * @param id the key, used to rotate and revoke it
 * @param user the user an application connects as
 * @param name what the account called it
 * @param blueprint the blueprint whose tenants it reaches
 * @param tenants the logical names it is limited to, or null for every tenant of the blueprint
 * @param readOnly whether sessions are read-only
 * @param createdAt when it was issued (ISO-8601)
 * @param secrets the secrets that still work, newest first, with their expiry
 */
public record Credential(
    String id,
    String user,
    String name,
    String blueprint,
    @JsonPropertyDescription(
            "logical names it is limited to; null for every tenant of the blueprint")
        @Nullable List<String> tenants,
    boolean readOnly,
    String createdAt,
    @JsonPropertyDescription("the secrets that still work, newest first")
        List<CredentialSecretRow> secrets) {}
