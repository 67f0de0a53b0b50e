/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.pooling;

import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SettingChange;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What transaction pooling must know about a statement: whether it leaves {@link SessionState} (it
 * is refused), which settings it changes for the session (the proxy tracks them and applies them on
 * each server connection the client is given), and whether it may change its session in ways the
 * classifier cannot see (the server session is then reset before another client gets it).
 */
public final class TransactionPooling {
  private TransactionPooling() {}

  /** The session state the first offending statement of {@code classification} leaves, if any. */
  public static Optional<SessionState> sessionState(Classification classification) {
    List<ClassifiedStatement> statements = classification.statements();
    if (statements.size() > 1
        && statements.stream().anyMatch(statement -> statement.commandTag().equals("DEALLOCATE"))) {
      return Optional.of(SessionState.DEALLOCATE_IN_BATCH);
    }
    for (ClassifiedStatement statement : statements) {
      Optional<SessionState> state = sessionState(statement);
      if (state.isPresent()) {
        return state;
      }
    }
    return Optional.empty();
  }

  /** The session state {@code statement} leaves, if any. */
  public static Optional<SessionState> sessionState(ClassifiedStatement statement) {
    String tag = statement.commandTag();
    if (statement.has(StatementFact.SESSION_SETTING) && !namesItsSettings(statement)) {
      return Optional.of(SessionState.SETTING);
    } else if (statement.has(StatementFact.SESSION_ADVISORY_LOCK)) {
      return Optional.of(SessionState.ADVISORY_LOCK);
    } else if (statement.has(StatementFact.HOLD_CURSOR)) {
      return Optional.of(SessionState.HOLD_CURSOR);
    } else if (createsTemporaryObject(statement)) {
      return Optional.of(SessionState.TEMPORARY_OBJECT);
    } else if (tag.equals("LISTEN")) {
      return Optional.of(SessionState.LISTEN);
    } else if (tag.equals("PREPARE")) {
      return Optional.of(SessionState.PREPARED_STATEMENT);
    } else if (tag.startsWith("DISCARD")) {
      return Optional.of(SessionState.DISCARD);
    } else if (statement.inner() != null && !tag.equals("PREPARE")) {
      return sessionState(statement.inner());
    }
    return Optional.empty();
  }

  /**
   * Whether {@code classification} may change its session in ways its text does not show: {@code
   * DO} blocks and {@code CALL} run code the classifier does not read, and text it cannot recognize
   * may do anything. (A function called from a query can too; the server's ParameterStatus reports
   * catch the settings it reports, see docs/proxy.md.)
   */
  public static boolean unvouched(Classification classification) {
    for (ClassifiedStatement statement : classification.statements()) {
      if (statement.has(StatementFact.ANONYMOUS_CODE)
          || statement.kind() == StatementKind.UNKNOWN
          || statement.commandTag().equals("CALL")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The settings {@code classification} changes for the rest of the session, by name ({@code all}
   * for {@code RESET ALL}); empty when it changes none. Statements that change a setting they do
   * not name are {@link SessionState#SETTING}.
   */
  public static Set<String> sessionSettings(Classification classification) {
    Set<String> names = new LinkedHashSet<>();
    for (ClassifiedStatement statement : classification.statements()) {
      if (statement.has(StatementFact.SESSION_SETTING)) {
        statement.settingChanges().forEach(change -> names.add(change.name()));
      }
    }
    names.remove(null);
    return names;
  }

  /** Whether every setting a session-level {@code statement} changes is named by a constant. */
  private static boolean namesItsSettings(ClassifiedStatement statement) {
    return !statement.settingChanges().isEmpty()
        && statement.settingChanges().stream().allMatch(SettingChange::hasConstantName);
  }

  private static boolean createsTemporaryObject(ClassifiedStatement statement) {
    return statement.has(StatementFact.TEMPORARY)
        && (statement.commandTag().startsWith("CREATE")
            || statement.commandTag().equals("SELECT INTO"))
        && !statement.has(StatementFact.ON_COMMIT_DROP);
  }
}
