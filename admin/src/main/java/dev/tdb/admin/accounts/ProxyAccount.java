/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import java.util.List;

/**
 * What the proxy needs to authenticate an account's clients with SCRAM-SHA-256.
 *
 * @param user the account user
 * @param scramVerifier {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; never
 *     shown by {@link #toString()}
 * @param scramVerifiers every verifier that works, the newest ({@code scramVerifier}) first, all
 *     with its salt and iterations: more than one while a rotated credential's old secret still
 *     works; never shown by {@link #toString()}
 */
public record ProxyAccount(String user, String scramVerifier, List<String> scramVerifiers) {

  /** Copies the list. */
  public ProxyAccount {
    scramVerifiers = List.copyOf(scramVerifiers);
  }

  /** The user only. */
  @Override
  public String toString() {
    return "ProxyAccount[user=" + user + "]";
  }
}
