/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Exclusive right to some work across every admin server on one metadata database: a session
 * advisory lock held on a metadata connection of its own, outside the pool. Closing the claim
 * closes that connection, which releases the lock; so does the death of the process holding it,
 * which is what lets another server take the work over.
 */
public final class Claim implements AutoCloseable {
  private final Connection connection;
  private final Consumer<Claim> onClose;

  Claim(Connection connection, Consumer<Claim> onClose) {
    this.connection = connection;
    this.onClose = onClose;
  }

  /** Releases the claim; closing twice does nothing. */
  @Override
  public void close() {
    onClose.accept(this);
    try {
      connection.close();
    } catch (SQLException e) {
      // The session is gone either way, and with it the lock.
    }
  }
}
