/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.SQLException;

/** The routing epoch: one sequence that grows with every change a routing entry shows. */
public final class Epochs {

  /** The next epoch, to store on the rows a change touches. */
  public long next(Connection c) throws SQLException {
    return Jdbc.queryLong(c, "SELECT nextval('routing_epoch')");
  }
}
