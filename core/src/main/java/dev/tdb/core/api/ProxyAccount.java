/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What the proxy needs to authenticate an account's (or a data-plane credential's) clients with
 * SCRAM-SHA-256: the answer of {@code GET /v1/proxy/accounts/{user}}.
 *
 * @param user the account or credential user
 * @param scramVerifier {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; never
 *     shown by {@link #toString()}
 * @param scramVerifiers every verifier that works, the newest ({@code scramVerifier}) first: more
 *     than one while a rotated credential's old secret still works; empty from an admin service
 *     from before credentials; never shown by {@link #toString()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProxyAccount(
    @JsonPropertyDescription("the account user") @JsonProperty("user") String user,
    @JsonPropertyDescription(
            "`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, as "
                + "PostgreSQL keeps in pg_authid")
        @JsonProperty("scram_verifier")
        String scramVerifier,
    @JsonPropertyDescription(
            "every verifier that works, newest first, all with one salt and "
                + "iteration count: more than one while a rotated credential's "
                + "previous secret still works")
        @JsonProperty("scram_verifiers")
        List<String> scramVerifiers) {

  /** Copies the list; a missing list is empty. */
  public ProxyAccount {
    scramVerifiers = scramVerifiers == null ? List.of() : List.copyOf(scramVerifiers);
  }

  /** The verifiers to try, newest first: {@link #scramVerifiers}, or the one verifier. */
  public List<String> verifiers() {
    return scramVerifiers.isEmpty() ? List.of(scramVerifier) : scramVerifiers;
  }

  /** The user only. */
  @Override
  public String toString() {
    return "ProxyAccount[user=" + user + "]";
  }
}
