/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Deployment leases: which admin server runs a running deployment, until when. Times are the
 * metadata server's ({@code now()}), so the admin servers' clocks never matter.
 */
public final class LeaseRepository {
  private static final String EXPIRES = "now() + ? * interval '1 millisecond'";

  /**
   * Takes the lease of deployment {@code id} when it is running and its lease expired or was never
   * taken (or {@code owner} already holds it); true when {@code owner} holds it now.
   */
  public boolean claim(Connection c, long id, String owner, Duration ttl) throws SQLException {
    return Jdbc.update(
            c,
            "UPDATE deployments SET lease_owner = ?, lease_renewed_at = now(), lease_expires_at = "
                + EXPIRES
                + " WHERE id = ? AND status = 'running' AND (lease_owner = ?"
                + " OR lease_expires_at IS NULL OR lease_expires_at < now())",
            owner,
            ttl.toMillis(),
            id,
            owner)
        == 1;
  }

  /** Takes every running deployment whose lease expired (or was never taken); their numbers. */
  public List<Long> claimExpired(Connection c, String owner, Duration ttl) throws SQLException {
    return Jdbc.list(
        c,
        rs -> rs.getLong(1),
        "UPDATE deployments SET lease_owner = ?, lease_renewed_at = now(), lease_expires_at = "
            + EXPIRES
            + " WHERE id IN (SELECT id FROM deployments WHERE status = 'running'"
            + " AND (lease_expires_at IS NULL OR lease_expires_at < now())"
            + " ORDER BY id FOR UPDATE SKIP LOCKED) RETURNING id",
        owner,
        ttl.toMillis());
  }

  /**
   * Extends the leases of {@code ids} that {@code owner} still holds; their numbers (a finished
   * deployment's too, until its owner releases it, so finishing never looks like a lost lease).
   */
  public List<Long> renew(Connection c, String owner, Duration ttl, Collection<Long> ids)
      throws SQLException {
    return Jdbc.list(
        c,
        rs -> rs.getLong(1),
        "UPDATE deployments SET lease_renewed_at = now(), lease_expires_at = "
            + EXPIRES
            + " WHERE lease_owner = ? AND id = ANY (?) RETURNING id",
        ttl.toMillis(),
        owner,
        ids.toArray(new Long[0]));
  }

  /**
   * True when {@code owner} holds deployment {@code id}'s lease; the row stays share-locked until
   * the transaction ends, so no peer claims it before the caller's writes commit.
   */
  public boolean holds(Connection c, long id, String owner) throws SQLException {
    return Jdbc.one(
            c,
            rs -> rs.getLong(1),
            "SELECT id FROM deployments WHERE id = ? AND lease_owner = ? FOR SHARE",
            id,
            owner)
        .isPresent();
  }

  /** Gives a lease up so that a peer may claim the deployment at once (when still running). */
  public void release(Connection c, long id, String owner) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE deployments SET lease_owner = NULL, lease_renewed_at = NULL,"
            + " lease_expires_at = NULL WHERE id = ? AND lease_owner = ?",
        id,
        owner);
  }
}
