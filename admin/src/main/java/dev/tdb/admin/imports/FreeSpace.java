/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The target's free space. PostgreSQL does not report it, so it is only known when the cluster runs
 * on the admin's own host (registered as {@code 127.0.0.1}, {@code ::1} or {@code localhost}) and
 * its data directory ({@code SHOW data_directory}) is readable here: then it is the usable space of
 * the file system holding it.
 */
final class FreeSpace {
  private static final Set<String> LOCAL = Set.of("127.0.0.1", "::1", "localhost");

  private FreeSpace() {}

  /** The free space of {@code cluster} against {@code needed} bytes. */
  static Analysis.FreeSpace of(ImportServices services, ClusterRow cluster, long needed) {
    if (!LOCAL.contains(cluster.host())) {
      return new Analysis.FreeSpace(
          false,
          cluster.name(),
          needed,
          null,
          "not checked: cluster host " + cluster.host() + " is not the admin's host");
    }
    try (Connection c = services.pools().admin(cluster).connect("postgres");
        Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery("SHOW data_directory")) {
      rs.next();
      Path directory = Path.of(rs.getString(1));
      if (!Files.isReadable(directory)) {
        return new Analysis.FreeSpace(
            false,
            cluster.name(),
            needed,
            null,
            "not checked: the data directory " + directory + " is not readable by the admin");
      }
      return new Analysis.FreeSpace(
          true, cluster.name(), needed, Files.getFileStore(directory).getUsableSpace(), null);
    } catch (SQLException | IOException e) {
      return new Analysis.FreeSpace(
          false, cluster.name(), needed, null, "not checked: " + e.getMessage());
    }
  }

  /**
   * Refuses when {@code space} was checked and {@code needed} plus {@code reserve} bytes are more
   * than it has.
   *
   * @throws AdminException conflict {@code insufficient_space}
   */
  static void require(Analysis.FreeSpace space, long reserve) {
    if (space.checked() && space.neededBytes() + reserve > space.usableBytes()) {
      throw new AdminException(
          AdminError.INSUFFICIENT_SPACE,
          "the import writes about "
              + space.neededBytes()
              + " bytes"
              + (reserve > 0 ? " plus the reserve of " + reserve : "")
              + ", but cluster "
              + space.cluster()
              + " has "
              + space.usableBytes()
              + " bytes usable",
          "free space on the cluster, or import part of the tenants with --tenants");
    }
  }
}
