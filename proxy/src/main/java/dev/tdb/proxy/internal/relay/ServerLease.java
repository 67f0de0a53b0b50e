/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import io.netty.channel.Channel;
import java.util.Map;

/**
 * The pool's side of a server connection a relay session holds. Its channel may run on another
 * event loop than the client's (transaction mode); the methods may be called from the client's.
 */
public interface ServerLease {
  /** The server connection's channel. */
  Channel channel();

  /** The server's key of the backend session, for a CancelRequest. */
  BackendKeyData backendKey();

  /**
   * The session settings a transaction-mode client made on the connection, as the proxy last read
   * or applied them (names to values); empty for a new or reset connection.
   */
  Map<String, String> settings();

  /** Records the session settings now made on the connection. */
  void settings(Map<String, String> applied);

  /** The named statements the proxy prepared on the connection (transaction mode). */
  ServerStatements statements();

  /** The server reported a parameter's new value. */
  void reported(ParameterStatus status);

  /**
   * The client is done with it and the server owes nothing: the connection goes back to the pool,
   * after a reset; {@code transactionStatus} is that of its last ReadyForQuery.
   */
  void handBack(char transactionStatus);

  /**
   * Transaction mode: the client's transaction ended (ReadyForQuery {@code I}) and nothing it ran
   * left session state behind, so the connection goes back to the pool as it is, without a reset.
   */
  void giveBack();
}
