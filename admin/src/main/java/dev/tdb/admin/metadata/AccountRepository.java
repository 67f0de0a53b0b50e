/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Accounts and the per-account routing epoch. */
public final class AccountRepository {
  private static final String COLUMNS =
      "a.id, a.user_name, a.scram_verifier, a.admin, a.created_at";

  /** Stores a new account and returns it. */
  public AccountRow insert(Connection c, String user, String scramVerifier, boolean admin)
      throws SQLException {
    return Jdbc.one(
            c,
            AccountRepository::map,
            "INSERT INTO accounts AS a (user_name, scram_verifier, admin) VALUES (?, ?, ?)"
                + " RETURNING "
                + COLUMNS,
            user,
            scramVerifier,
            admin)
        .orElseThrow();
  }

  /** The account with {@code user}. */
  public Optional<AccountRow> findByUser(Connection c, String user) throws SQLException {
    return Jdbc.one(
        c,
        AccountRepository::map,
        "SELECT " + COLUMNS + " FROM accounts a WHERE user_name = ?",
        user);
  }

  /**
   * The account holding an unrevoked API key, and the key's scope.
   *
   * @param account the account
   * @param scope the key's scope as stored ({@code admin}, {@code member}, …)
   */
  public record KeyHolder(AccountRow account, String scope) {}

  /** The account holding the unrevoked API key with this hash, with the key's scope. */
  public Optional<KeyHolder> findByApiKeyHash(Connection c, String keyHash) throws SQLException {
    return Jdbc.one(
        c,
        rs -> new KeyHolder(map(rs), rs.getString("scope")),
        "SELECT "
            + COLUMNS
            + ", k.scope FROM accounts a JOIN api_keys k ON k.account_id = a.id"
            + " WHERE k.key_hash = ? AND k.revoked_at IS NULL",
        keyHash);
  }

  /** True when at least one account exists. */
  public boolean any(Connection c) throws SQLException {
    return Jdbc.queryLong(c, "SELECT count(*) FROM (SELECT 1 FROM accounts LIMIT 1) x") > 0;
  }

  /** Records that something the account's routing table shows changed at {@code epoch}. */
  public void touchRouting(Connection c, long accountId, long epoch) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE accounts SET routing_epoch = greatest(routing_epoch, ?) WHERE id = ?",
        epoch,
        accountId);
  }

  /** The epoch of the latest change to the account's routing table (0 before any). */
  public long routingEpoch(Connection c, long accountId) throws SQLException {
    return Jdbc.queryLong(c, "SELECT routing_epoch FROM accounts WHERE id = ?", accountId);
  }

  private static AccountRow map(ResultSet rs) throws SQLException {
    return new AccountRow(
        rs.getLong("id"),
        rs.getString("user_name"),
        rs.getString("scram_verifier"),
        rs.getBoolean("admin"),
        Jdbc.instant(rs, "created_at"));
  }
}
