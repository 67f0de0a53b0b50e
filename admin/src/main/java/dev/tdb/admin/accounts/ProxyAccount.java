/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

/**
 * What the proxy needs to authenticate an account's clients with SCRAM-SHA-256.
 *
 * @param user the account user
 * @param scramVerifier {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; never
 *     shown by {@link #toString()}
 */
public record ProxyAccount(String user, String scramVerifier) {

  /** The user only. */
  @Override
  public String toString() {
    return "ProxyAccount[user=" + user + "]";
  }
}
