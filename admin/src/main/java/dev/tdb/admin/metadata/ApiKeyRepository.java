/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** API keys, stored as SHA-256 hashes. */
public final class ApiKeyRepository {
  private static final String COLUMNS = "id, name, scope, created_at, revoked_at";

  /** Stores a key's hash for an account and returns the new row. */
  public ApiKeyRow insert(Connection c, long accountId, String name, String scope, String keyHash)
      throws SQLException {
    return Jdbc.one(
            c,
            ApiKeyRepository::map,
            "INSERT INTO api_keys (account_id, name, scope, key_hash) VALUES (?, ?, ?, ?)"
                + " RETURNING "
                + COLUMNS,
            accountId,
            name,
            scope,
            keyHash)
        .orElseThrow();
  }

  /** One page of an account's keys, by id. */
  public Page<ApiKeyRow> list(Connection c, long accountId, long afterId, int limit)
      throws SQLException {
    return Page.of(
        Jdbc.list(
            c,
            ApiKeyRepository::map,
            "SELECT "
                + COLUMNS
                + " FROM api_keys WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?",
            accountId,
            afterId,
            limit + 1),
        limit,
        ApiKeyRow::id);
  }

  /** The unrevoked key of an account with this hash, if there is one. */
  public Optional<ApiKeyRow> findByHash(Connection c, long accountId, String keyHash)
      throws SQLException {
    return Jdbc.one(
        c,
        ApiKeyRepository::map,
        "SELECT "
            + COLUMNS
            + " FROM api_keys WHERE account_id = ? AND key_hash = ? AND revoked_at IS NULL",
        accountId,
        keyHash);
  }

  /** Revokes an account's key; false when the account has no such key. */
  public boolean revoke(Connection c, long accountId, long id) throws SQLException {
    return Jdbc.update(
            c,
            "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())"
                + " WHERE id = ? AND account_id = ?",
            id,
            accountId)
        == 1;
  }

  private static ApiKeyRow map(ResultSet rs) throws SQLException {
    return new ApiKeyRow(
        Long.toString(rs.getLong("id")),
        rs.getString("name"),
        rs.getString("scope"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "revoked_at"));
  }
}
