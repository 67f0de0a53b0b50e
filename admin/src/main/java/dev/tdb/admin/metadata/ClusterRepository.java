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

/** Clusters and how many databases each hosts. */
public final class ClusterRepository {
  private static final String SELECT =
      "SELECT c.id, c.name, c.host, c.port, c.superuser, c.password_sealed, c.ssl_mode,"
          + " c.capacity, c.created_at,"
          + " (SELECT count(*) FROM workspaces w WHERE w.cluster_id = c.id)"
          + " + (SELECT count(*) FROM tenants t WHERE t.cluster_id = c.id) AS hosted,"
          + " (SELECT count(*) FROM tenants t WHERE t.cluster_id = c.id) AS tenants"
          + " FROM clusters c";

  /** Stores a new cluster and returns it. */
  public ClusterRow insert(Connection c, ClusterRow draft) throws SQLException {
    long id =
        Jdbc.queryLong(
            c,
            "INSERT INTO clusters (name, host, port, superuser, password_sealed, ssl_mode,"
                + " capacity) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            draft.name(),
            draft.host(),
            draft.port(),
            draft.superuser(),
            draft.passwordSealed(),
            draft.sslMode(),
            draft.capacity());
    return findById(c, id);
  }

  /** Replaces the connection details and capacity of the cluster named as in {@code draft}. */
  public ClusterRow update(Connection c, ClusterRow draft) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE clusters SET host = ?, port = ?, superuser = ?, password_sealed = ?,"
            + " ssl_mode = ?, capacity = ? WHERE name = ?",
        draft.host(),
        draft.port(),
        draft.superuser(),
        draft.passwordSealed(),
        draft.sslMode(),
        draft.capacity(),
        draft.name());
    return find(c, draft.name()).orElseThrow();
  }

  /** The cluster named {@code name}. */
  public Optional<ClusterRow> find(Connection c, String name) throws SQLException {
    return Jdbc.one(c, ClusterRepository::map, SELECT + " WHERE c.name = ?", name);
  }

  /** The cluster with key {@code id}. */
  public ClusterRow findById(Connection c, long id) throws SQLException {
    return Jdbc.one(c, ClusterRepository::map, SELECT + " WHERE c.id = ?", id).orElseThrow();
  }

  /** One page of clusters, by name. */
  public Page<ClusterRow> list(Connection c, PageRequest page) throws SQLException {
    return Page.of(
        Jdbc.list(
            c,
            ClusterRepository::map,
            SELECT + " WHERE c.name > ? ORDER BY c.name LIMIT ?",
            page.after() == null ? "" : page.after(),
            page.limit() + 1),
        page.limit(),
        ClusterRow::name);
  }

  /** Every cluster, by name. */
  public List<ClusterRow> all(Connection c) throws SQLException {
    return Jdbc.list(c, ClusterRepository::map, SELECT + " ORDER BY c.name");
  }

  /** The cluster with the most free capacity (ties by name), if any has room. */
  public Optional<ClusterRow> emptiest(Connection c) throws SQLException {
    return Jdbc.one(
        c,
        ClusterRepository::map,
        "SELECT * FROM ("
            + SELECT
            + ") x WHERE capacity > hosted"
            + " ORDER BY capacity - hosted DESC, name LIMIT 1");
  }

  /** Locks the cluster against removal until the transaction ends. */
  public void lockShared(Connection c, long id) throws SQLException {
    Jdbc.list(c, rs -> rs.getLong(1), "SELECT id FROM clusters WHERE id = ? FOR SHARE", id);
  }

  /** Locks the cluster against new databases until the transaction ends. */
  public void lockExclusive(Connection c, long id) throws SQLException {
    Jdbc.list(c, rs -> rs.getLong(1), "SELECT id FROM clusters WHERE id = ? FOR UPDATE", id);
  }

  /** Removes a cluster's row. */
  public void delete(Connection c, long id) throws SQLException {
    Jdbc.update(c, "DELETE FROM clusters WHERE id = ?", id);
  }

  private static ClusterRow map(ResultSet rs) throws SQLException {
    return new ClusterRow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("host"),
        rs.getInt("port"),
        rs.getString("superuser"),
        rs.getString("password_sealed"),
        rs.getString("ssl_mode"),
        rs.getInt("capacity"),
        rs.getInt("hosted"),
        rs.getInt("tenants"),
        Jdbc.instant(rs, "created_at"));
  }
}
