/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import org.jspecify.annotations.Nullable;

/**
 * One secret of a credential, without the secret: when it was made and when it stops working.
 *
 * @param id the key
 * @param createdAt when it was made (ISO-8601)
 * @param expiresAt when it stops working (ISO-8601), or null for the current secret
 */
public record CredentialSecretRow(String id, String createdAt, @Nullable String expiresAt) {}
