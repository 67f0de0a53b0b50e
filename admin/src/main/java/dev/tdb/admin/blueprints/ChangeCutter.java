/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts captured commands into changes with core's splitter and classifier.
 *
 * <p>The event trigger records, per DDL command, the whole query text the client sent; a string of
 * several statements (say {@code CREATE TABLE a ...; INSERT ...; CREATE INDEX ...}) yields one row
 * per DDL command, each with the same text. Commands of one run (same transaction, session and
 * text) are matched in order to the text's DDL statements by command tag, so each change holds its
 * own statement and DML never becomes part of a blueprint. A command that matches no statement (DDL
 * run by a {@code DO} block or a function) keeps the text's DDL and utility statements, merged with
 * the other unmatched commands of its run into one change. Statements on temporary objects are
 * never matched or kept: capture records no command for them (see workspace-catalog.sql).
 */
public final class ChangeCutter {
  private ChangeCutter() {}

  /** The changes, in order, for commands in catalog order. */
  public static List<CapturedChange> cut(List<CapturedCommand> commands) {
    List<CapturedChange> changes = new ArrayList<>();
    int start = 0;
    while (start < commands.size()) {
      int end = start + 1;
      while (end < commands.size() && commands.get(end).sameRun(commands.get(start))) {
        end++;
      }
      changes.addAll(cutRun(commands.subList(start, end)));
      start = end;
    }
    return changes;
  }

  private static List<CapturedChange> cutRun(List<CapturedCommand> run) {
    String query = run.get(0).query();
    Classification classification = SqlClassifier.classifyUncached(query);
    List<ClassifiedStatement> statements = classification.statements();
    List<CapturedChange> changes = new ArrayList<>();
    List<CapturedCommand> unmatched = new ArrayList<>();
    int next = 0;
    for (CapturedCommand command : run) {
      int found = find(statements, command.commandTag(), next);
      if (found < 0) {
        found = find(statements, command.commandTag(), 0);
      }
      if (found < 0) {
        unmatched.add(command);
        continue;
      }
      ClassifiedStatement statement = statements.get(found);
      changes.add(
          change(command, statement.text(query), statement.has(StatementFact.NON_TRANSACTIONAL)));
      next = found + 1;
    }
    if (!unmatched.isEmpty()) {
      changes.add(
          change(unmatched.get(unmatched.size() - 1), schemaStatements(classification), false));
    }
    return changes;
  }

  private static int find(List<ClassifiedStatement> statements, String tag, int from) {
    for (int i = from; i < statements.size(); i++) {
      ClassifiedStatement statement = statements.get(i);
      if (schemaChange(statement) && tag.equalsIgnoreCase(statement.commandTag())) {
        return i;
      }
    }
    return -1;
  }

  /** DDL on objects that outlive the session. */
  private static boolean schemaChange(ClassifiedStatement statement) {
    return statement.kind() == StatementKind.DDL && !statement.has(StatementFact.TEMPORARY);
  }

  /** The text's DDL and utility ({@code DO}) statements; never session or role changes. */
  private static String schemaStatements(Classification classification) {
    List<String> kept = new ArrayList<>();
    for (ClassifiedStatement statement : classification.statements()) {
      if (schemaChange(statement) || statement.kind() == StatementKind.UTILITY) {
        kept.add(statement.text(classification.sql()));
      }
    }
    return String.join(";\n", kept);
  }

  private static CapturedChange change(
      CapturedCommand command, String sql, boolean nonTransactional) {
    return new CapturedChange(
        command.id(),
        sql,
        command.commandTag(),
        command.objectIdentity(),
        command.role(),
        command.capturedAt(),
        nonTransactional);
  }
}
