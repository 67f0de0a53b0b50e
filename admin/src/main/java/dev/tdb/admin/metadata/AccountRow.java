/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

/**
 * An account as stored.
 *
 * @param id the account's key
 * @param user the account user ({@code tdb_} and 8 hex characters)
 * @param scramVerifier the SCRAM-SHA-256 verifier of the secret
 * @param admin whether the account may create accounts and manage clusters
 * @param createdAt when it was created (ISO-8601)
 */
public record AccountRow(
    long id, String user, String scramVerifier, boolean admin, String createdAt) {

  /** Everything but the verifier. */
  @Override
  public String toString() {
    return "AccountRow[id=" + id + ", user=" + user + ", admin=" + admin + "]";
  }
}
