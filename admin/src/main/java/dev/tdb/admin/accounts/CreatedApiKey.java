/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A new API key, the only time the key itself is shown.
 *
 * @param id the key's id, used to revoke it
 * @param name what the owner called it
 * @param scope what the key may use ({@code admin}, {@code member}, {@code read-only}, {@code
 *     routing})
 * @param key the key ({@code tdbk_} and 40 base64url characters); never shown by {@link
 *     #toString()}
 * @param createdAt when it was created (ISO-8601)
 */
public record CreatedApiKey(
    String id,
    String name,
    @JsonPropertyDescription("what the key may use (docs/admin-api.md, Scopes)") String scope,
    String key,
    String createdAt) {

  /** Everything but the key. */
  @Override
  public String toString() {
    return "CreatedApiKey[id=" + id + ", name=" + name + ", scope=" + scope + "]";
  }
}
