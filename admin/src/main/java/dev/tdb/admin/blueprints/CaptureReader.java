/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.core.policy.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads a workspace's capture catalog; installs it where it is missing. */
final class CaptureReader {

  private CaptureReader() {}

  /** The commands recorded after catalog row {@code after}, in order. */
  static List<CapturedCommand> read(ClusterAdmin admin, String database, long after) {
    try (Connection connection = admin.connect(database)) {
      try {
        return select(connection, after);
      } catch (SQLException e) {
        if (!SqlState.UNDEFINED_TABLE.of(e) && !SqlState.INVALID_SCHEMA_NAME.of(e)) {
          throw e;
        }
        Catalogs.installWorkspace(connection, admin.lockWait());
        return List.of();
      }
    } catch (SQLException e) {
      throw admin.translate(e);
    }
  }

  private static List<CapturedCommand> select(Connection connection, long after)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, query, command_tag, object_identity, role_name, backend_pid, xact,"
                + " captured_at FROM tdb_catalog.changes WHERE id > ? ORDER BY id")) {
      statement.setLong(1, after);
      List<CapturedCommand> commands = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          commands.add(
              new CapturedCommand(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getInt(6),
                  rs.getString(7),
                  rs.getObject(8, OffsetDateTime.class).toInstant().toString()));
        }
      }
      return commands;
    }
  }
}
