/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.sql.Classification;
import io.netty.buffer.ByteBuf;

/**
 * What the relay tells the query log: the statements it passes or refuses and the frames the client
 * gets. Called on the session's event loop; an implementation must never block it. Frames are only
 * looked at: ownership stays with the caller.
 */
public interface StatementLog {
  /** The log of a session whose statements are not logged. */
  StatementLog OFF =
      new StatementLog() {
        @Override
        public void query(String sql, Classification classification, Decision decision) {}

        @Override
        public void parse(
            String statement, String sql, Classification classification, Decision decision) {}

        @Override
        public void fromClient(ByteBuf frame) {}

        @Override
        public void toClient(ByteBuf frame) {}
      };

  /**
   * A simple-protocol Query of {@code sql}, classified as {@code classification}, sent to the
   * server or refused by {@code decision}.
   */
  void query(String sql, Classification classification, Decision decision);

  /**
   * A Parse of {@code statement} with {@code sql}, classified as {@code classification}, sent to
   * the server or refused by {@code decision}.
   */
  void parse(String statement, String sql, Classification classification, Decision decision);

  /** A Bind, Execute, Close or Sync the client sent on to the server. */
  void fromClient(ByteBuf frame);

  /** A frame the client is about to be sent, from the server or from the proxy itself. */
  void toClient(ByteBuf frame);
}
