/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Data-plane credentials, the tenants they are limited to, and their secrets' verifiers. */
public final class CredentialRepository {
  private static final String COLUMNS =
      "c.id, c.account_id, c.blueprint_id, b.name AS blueprint, c.user_name, c.name, c.read_only,"
          + " c.all_tenants, c.created_at, c.revoked_at";
  private static final String FROM =
      " FROM credentials c JOIN blueprints b ON b.id = c.blueprint_id";
  private static final String VALID = "(s.expires_at IS NULL OR s.expires_at > now())";

  /** Stores a new credential and returns it. */
  public CredentialRow insert(Connection c, CredentialRow draft) throws SQLException {
    long id =
        Jdbc.queryLong(
            c,
            "INSERT INTO credentials (account_id, blueprint_id, user_name, name, read_only,"
                + " all_tenants) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            draft.accountId(),
            draft.blueprintId(),
            draft.user(),
            draft.name(),
            draft.readOnly(),
            draft.allTenants());
    return findById(c, draft.accountId(), id).orElseThrow();
  }

  /** Limits a credential to one more tenant. */
  public void addTenant(Connection c, long credentialId, long tenantId) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO credential_tenants (credential_id, tenant_id) VALUES (?, ?)"
            + " ON CONFLICT DO NOTHING",
        credentialId,
        tenantId);
  }

  /** Adds the current secret's verifier. */
  public void addSecret(Connection c, long credentialId, String scramVerifier) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO credential_secrets (credential_id, scram_verifier) VALUES (?, ?)",
        credentialId,
        scramVerifier);
  }

  /** Makes every secret that still works stop working {@code overlap} from now, or sooner. */
  public void expireSecrets(Connection c, long credentialId, Duration overlap) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE credential_secrets s SET expires_at ="
            + " least(coalesce(s.expires_at, 'infinity'), now() + make_interval(secs => ?))"
            + " WHERE s.credential_id = ? AND "
            + VALID,
        overlap.toMillis() / 1000.0,
        credentialId);
  }

  /** The unrevoked credential with {@code user}. */
  public Optional<CredentialRow> findByUser(Connection c, String user) throws SQLException {
    return Jdbc.one(
        c,
        CredentialRepository::map,
        "SELECT " + COLUMNS + FROM + " WHERE c.user_name = ? AND c.revoked_at IS NULL",
        user);
  }

  /** The credential {@code id} of account {@code accountId}, revoked or not. */
  public Optional<CredentialRow> findById(Connection c, long accountId, long id)
      throws SQLException {
    return Jdbc.one(
        c,
        CredentialRepository::map,
        "SELECT " + COLUMNS + FROM + " WHERE c.id = ? AND c.account_id = ?",
        id,
        accountId);
  }

  /** The unrevoked credential {@code id}, whoever issued it. */
  public Optional<CredentialRow> findActive(Connection c, long id) throws SQLException {
    return Jdbc.one(
        c,
        CredentialRepository::map,
        "SELECT " + COLUMNS + FROM + " WHERE c.id = ? AND c.revoked_at IS NULL",
        id);
  }

  /** One page of an account's unrevoked credentials, by id. */
  public Page<CredentialRow> list(Connection c, long accountId, long afterId, int limit)
      throws SQLException {
    return Page.of(
        Jdbc.list(
            c,
            CredentialRepository::map,
            "SELECT "
                + COLUMNS
                + FROM
                + " WHERE c.account_id = ? AND c.id > ? AND c.revoked_at IS NULL"
                + " ORDER BY c.id LIMIT ?",
            accountId,
            afterId,
            limit + 1),
        limit,
        row -> Long.toString(row.id()));
  }

  /** The logical names of the tenants a credential is limited to, in order. */
  public List<String> tenants(Connection c, long credentialId) throws SQLException {
    return Jdbc.list(
        c,
        rs -> rs.getString(1),
        "SELECT t.logical_name FROM credential_tenants ct JOIN tenants t ON t.id = ct.tenant_id"
            + " WHERE ct.credential_id = ? ORDER BY t.logical_name",
        credentialId);
  }

  /** True when the credential is limited to tenants and {@code tenantId} is one of them. */
  public boolean listsTenant(Connection c, long credentialId, long tenantId) throws SQLException {
    return Jdbc.queryLong(
            c,
            "SELECT count(*) FROM credential_tenants WHERE credential_id = ? AND tenant_id = ?",
            credentialId,
            tenantId)
        > 0;
  }

  /** The verifiers of the secrets that still work, newest first. */
  public List<String> validVerifiers(Connection c, long credentialId) throws SQLException {
    return Jdbc.list(
        c,
        rs -> rs.getString(1),
        "SELECT s.scram_verifier FROM credential_secrets s WHERE s.credential_id = ? AND "
            + VALID
            + " ORDER BY s.id DESC",
        credentialId);
  }

  /** The secrets that still work, newest first, without their verifiers. */
  public List<CredentialSecretRow> validSecrets(Connection c, long credentialId)
      throws SQLException {
    return Jdbc.list(
        c,
        rs ->
            new CredentialSecretRow(
                Long.toString(rs.getLong("id")),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "expires_at")),
        "SELECT s.id, s.created_at, s.expires_at FROM credential_secrets s"
            + " WHERE s.credential_id = ? AND "
            + VALID
            + " ORDER BY s.id DESC",
        credentialId);
  }

  /** Revokes an account's credential; false when the account has no such unrevoked one. */
  public boolean revoke(Connection c, long accountId, long id) throws SQLException {
    return Jdbc.update(
            c,
            "UPDATE credentials SET revoked_at = now()"
                + " WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
            id,
            accountId)
        == 1;
  }

  private static CredentialRow map(ResultSet rs) throws SQLException {
    return new CredentialRow(
        rs.getLong("id"),
        rs.getLong("account_id"),
        rs.getLong("blueprint_id"),
        rs.getString("blueprint"),
        rs.getString("user_name"),
        rs.getString("name"),
        rs.getBoolean("read_only"),
        rs.getBoolean("all_tenants"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "revoked_at"));
  }
}
