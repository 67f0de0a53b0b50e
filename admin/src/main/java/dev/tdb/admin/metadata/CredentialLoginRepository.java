/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL login roles of credential secrets (V11): each secret's sealed login password, and
 * which tenant roles its login was made a member of on which cluster. A secret has a login on a
 * cluster exactly when it has a grant row there.
 */
public final class CredentialLoginRepository {
  /**
   * A secret that still works, with its verifier and its login's sealed password.
   *
   * @param id the secret's key, which names its login role
   * @param verifier its SCRAM verifier
   * @param expiresAt when it stops working (ISO-8601), or null
   * @param passwordSealed its login's password, sealed, or null before its first routing lookup
   */
  public record ValidSecret(long id, String verifier, String expiresAt, String passwordSealed) {}

  /**
   * A login role on a cluster.
   *
   * @param secretId the secret it belongs to
   * @param clusterId the cluster it is on
   * @param expiresAt when its secret stops working (ISO-8601), or null
   */
  public record Login(long secretId, long clusterId, String expiresAt) {}

  private static final String VALID = "(s.expires_at IS NULL OR s.expires_at > now())";
  private static final String SECRET =
      "SELECT s.id, s.scram_verifier, s.expires_at, s.login_password_sealed"
          + " FROM credential_secrets s WHERE s.id = ?";

  /** The secrets of a credential that still work, newest first. */
  public List<ValidSecret> validSecrets(Connection c, long credentialId) throws SQLException {
    return Jdbc.list(
        c,
        CredentialLoginRepository::map,
        "SELECT s.id, s.scram_verifier, s.expires_at, s.login_password_sealed"
            + " FROM credential_secrets s WHERE s.credential_id = ? AND "
            + VALID
            + " ORDER BY s.id DESC",
        credentialId);
  }

  /** A secret of any credential that still works. */
  public Optional<ValidSecret> findValid(Connection c, long secretId) throws SQLException {
    return Jdbc.one(c, CredentialLoginRepository::map, SECRET + " AND " + VALID, secretId);
  }

  /**
   * Locks a secret that still works and returns it, so that one session makes its login; checked
   * against the clock rather than the transaction's start, as a revocation that held the lock
   * meanwhile expired the secret at its own {@code now()}.
   */
  public Optional<ValidSecret> lockValid(Connection c, long secretId) throws SQLException {
    return Jdbc.one(
        c,
        CredentialLoginRepository::map,
        SECRET + " AND (s.expires_at IS NULL OR s.expires_at > clock_timestamp()) FOR UPDATE",
        secretId);
  }

  private static Login login(ResultSet rs) throws SQLException {
    return new Login(
        rs.getLong("secret_id"), rs.getLong("cluster_id"), Jdbc.instant(rs, "expires_at"));
  }

  private static ValidSecret map(ResultSet rs) throws SQLException {
    return new ValidSecret(
        rs.getLong("id"),
        rs.getString("scram_verifier"),
        Jdbc.instant(rs, "expires_at"),
        rs.getString("login_password_sealed"));
  }

  /** Records the sealed password of a secret's login. */
  public void setPassword(Connection c, long secretId, String sealed) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE credential_secrets SET login_password_sealed = ? WHERE id = ?",
        sealed,
        secretId);
  }

  /** True when the secret's login is a member of the tenant's role on that cluster. */
  public boolean granted(Connection c, long secretId, long tenantId, long clusterId)
      throws SQLException {
    return Jdbc.queryLong(
            c,
            "SELECT count(*) FROM credential_grants"
                + " WHERE secret_id = ? AND tenant_id = ? AND cluster_id = ?",
            secretId,
            tenantId,
            clusterId)
        > 0;
  }

  /** True when the secret has a login on the cluster. */
  public boolean hasLogin(Connection c, long secretId, long clusterId) throws SQLException {
    return Jdbc.queryLong(
            c,
            "SELECT count(*) FROM credential_grants WHERE secret_id = ? AND cluster_id = ?",
            secretId,
            clusterId)
        > 0;
  }

  /** Records that the secret's login was made a member of the tenant's role on the cluster. */
  public void addGrant(Connection c, long secretId, long tenantId, long clusterId)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO credential_grants (secret_id, tenant_id, cluster_id) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING",
        secretId,
        tenantId,
        clusterId);
  }

  /** Every login of a credential's secrets, expired or not. */
  public List<Login> loginsOf(Connection c, long credentialId) throws SQLException {
    return Jdbc.list(
        c,
        CredentialLoginRepository::login,
        "SELECT DISTINCT g.secret_id, g.cluster_id, s.expires_at FROM credential_grants g"
            + " JOIN credential_secrets s ON s.id = g.secret_id WHERE s.credential_id = ?"
            + " ORDER BY 1, 2",
        credentialId);
  }

  /** Every login whose secret has expired, or whose credential was revoked. */
  public List<Login> stale(Connection c) throws SQLException {
    return Jdbc.list(
        c,
        CredentialLoginRepository::login,
        "SELECT DISTINCT g.secret_id, g.cluster_id, s.expires_at FROM credential_grants g"
            + " JOIN credential_secrets s ON s.id = g.secret_id"
            + " JOIN credentials c ON c.id = s.credential_id"
            + " WHERE s.expires_at <= now() OR c.revoked_at IS NOT NULL ORDER BY 1, 2");
  }

  /** The user of the credential a secret belongs to. */
  public String userOf(Connection c, long secretId) throws SQLException {
    return Jdbc.one(
            c,
            rs -> rs.getString(1),
            "SELECT c.user_name FROM credential_secrets s"
                + " JOIN credentials c ON c.id = s.credential_id WHERE s.id = ?",
            secretId)
        .orElseThrow();
  }

  /**
   * A login that is a member of a tenant's role.
   *
   * @param user the credential's user
   * @param secretId the secret the login belongs to
   * @param readOnly whether the credential is read-only
   */
  public record Member(String user, long secretId, boolean readOnly) {}

  /** The logins that were made members of a tenant's role on its cluster. */
  public List<Member> membersOf(Connection c, long tenantId, long clusterId) throws SQLException {
    return Jdbc.list(
        c,
        rs -> new Member(rs.getString(1), rs.getLong(2), rs.getBoolean(3)),
        "SELECT c.user_name, g.secret_id, c.read_only FROM credential_grants g"
            + " JOIN credential_secrets s ON s.id = g.secret_id"
            + " JOIN credentials c ON c.id = s.credential_id"
            + " WHERE g.tenant_id = ? AND g.cluster_id = ? ORDER BY g.secret_id",
        tenantId,
        clusterId);
  }

  /** Forgets a login that was dropped. */
  public void forget(Connection c, Login login) throws SQLException {
    Jdbc.update(
        c,
        "DELETE FROM credential_grants WHERE secret_id = ? AND cluster_id = ?",
        login.secretId(),
        login.clusterId());
  }
}
