/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementKind;
import java.util.Set;

/**
 * Decides whether a fan-out's SQL may run: one statement, decided by the same policy as a tenant
 * connection of the driver and the proxy, and none that would step outside the transaction the
 * fan-out wraps it in.
 */
final class StatementGate {
  /**
   * Kinds a fan-out refuses on top of the tenant policy: transaction control would end the {@code
   * READ ONLY} transaction and its timeout; session commands have no session to last in; COPY needs
   * a client stream the REST API does not carry.
   */
  private static final Set<StatementKind> OUTSIDE_THE_TRANSACTION =
      Set.of(StatementKind.TRANSACTION, StatementKind.SESSION, StatementKind.COPY);

  private final Classification classification;

  /**
   * Classifies {@code sql} and checks its shape.
   *
   * @throws AdminException invalid when it is not exactly one statement, refused for a kind a
   *     fan-out cannot run
   */
  StatementGate(String sql) {
    classification = SqlClassifier.classifyUncached(sql);
    if (classification.statements().size() != 1) {
      throw new AdminException(
          AdminError.INVALID_SQL,
          "sql must hold exactly one statement, got " + classification.statements().size(),
          "run each statement as its own tdb query");
    }
    ClassifiedStatement statement = classification.first();
    if (OUTSIDE_THE_TRANSACTION.contains(statement.kind())) {
      throw new AdminException(
          AdminError.SQL_NOT_ALLOWED,
          statement.commandTag() + " is not allowed in a fan-out query (SQLSTATE 42501)",
          "tdb query runs one statement per tenant in a transaction of its own; transaction"
              + " control, session settings and COPY do not fit in it (use --timeout for the"
              + " statement timeout, --write for a read-write transaction)");
    }
  }

  /**
   * Decides the statement as a connection to a tenant of {@code workspace} would.
   *
   * @throws AdminException forbidden ({@code sql_not_allowed}) with the policy's message, its
   *     SQLSTATE and hint
   */
  void check(String workspace, WorkspaceSettings settings) {
    Decision decision =
        Policy.of(ConnectionMode.TENANT, workspace, settings).decide(classification);
    if (decision instanceof Decision.Reject reject) {
      throw new AdminException(
          AdminError.SQL_NOT_ALLOWED,
          reject.message() + " (SQLSTATE " + reject.sqlState() + ")",
          reject.hint());
    }
  }
}
