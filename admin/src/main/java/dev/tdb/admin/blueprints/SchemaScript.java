/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies a schema script (one {@link dev.tdb.admin.schema.SchemaReader} wrote, or a template) to a
 * workspace, one statement at a time in one transaction, over a connection of the workspace's
 * runtime role: each statement is captured as its own version, and the role's own privileges decide
 * what it may do.
 *
 * <p>Only schema statements run (core's kinds {@code DDL} and {@code UTILITY}); session settings,
 * queries ({@code SELECT pg_catalog.set_config(...)}), psql meta-commands ({@code \restrict}) and
 * comments on extensions are skipped. {@code CREATE EXTENSION} runs under a savepoint and is
 * skipped, with PostgreSQL's reason, when the runtime role may not create the extension. The schema
 * reader puts functions before tables (a table's default or check may call one), but a function's
 * body may name a table, and deployments check bodies: a {@code CREATE FUNCTION|PROCEDURE} whose
 * body names an object made later is put off until after the rest, so versions come in an order
 * that deploys as is. Any other refusal rolls the whole script back.
 */
final class SchemaScript {
  private static final Pattern META_COMMAND = Pattern.compile("(?m)^\\\\.*$");
  private static final int SHOWN_CHARS = 200;
  private static final Set<String> NOT_YET_MADE =
      Set.of(
          SqlState.UNDEFINED_TABLE.code(),
          SqlState.UNDEFINED_FUNCTION.code(),
          SqlState.UNDEFINED_OBJECT.code(),
          SqlState.INVALID_SCHEMA_NAME.code(),
          SqlState.UNDEFINED_COLUMN.code());

  /**
   * What was applied.
   *
   * @param applied how many statements ran
   * @param skipped those that did not, with why
   */
  record Applied(int applied, List<SchemaImport.Skipped> skipped) {}

  private SchemaScript() {}

  /**
   * Applies {@code script} over {@code connection} and commits.
   *
   * @throws AdminException refused, naming the statement, when PostgreSQL refuses one
   * @throws SQLException when the connection fails
   */
  static Applied apply(Connection connection, String script) throws SQLException {
    Classification classification =
        SqlClassifier.classifyUncached(META_COMMAND.matcher(script).replaceAll(""));
    List<SchemaImport.Skipped> skipped = new ArrayList<>();
    List<String> deferred = new ArrayList<>();
    int applied = 0;
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (ClassifiedStatement classified : classification.statements()) {
        String text = classified.text(classification.sql());
        String reason = skipReason(classified, text);
        if (reason != null) {
          skipped.add(new SchemaImport.Skipped(text, reason));
        } else if (isCreateExtension(text)) {
          String refusal = tryExtension(connection, statement, text);
          if (refusal == null) {
            applied++;
          } else {
            skipped.add(new SchemaImport.Skipped(text, refusal));
          }
        } else if (isRoutine(classified)) {
          // Created here, or put off: never run a second time, which would capture it twice.
          if (tryRoutine(connection, statement, text)) {
            applied++;
          } else {
            deferred.add(text);
          }
        } else {
          execute(statement, text);
          applied++;
        }
      }
      applied += applyDeferred(connection, statement, deferred);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
    return new Applied(applied, skipped);
  }

  private static String skipReason(ClassifiedStatement classified, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("comment on extension")) {
      return "a comment on an extension belongs to the extension's owner";
    }
    if (isCreateExtension(text)) {
      return null;
    }
    return switch (classified.kind()) {
      case DDL, UTILITY -> null;
      case SESSION -> "a session setting, not part of the schema";
      case READ -> "a query, not part of the schema";
      default -> "not a schema statement (" + classified.kind() + ")";
    };
  }

  private static boolean isCreateExtension(String text) {
    return text.regionMatches(true, 0, "CREATE EXTENSION", 0, "CREATE EXTENSION".length());
  }

  private static String tryExtension(Connection connection, Statement statement, String text)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      statement.execute(text);
      connection.releaseSavepoint(savepoint);
      return null;
    } catch (SQLException e) {
      connection.rollback(savepoint);
      return "the workspace's runtime role may not create it: "
          + e.getMessage()
          + " (SQLSTATE "
          + e.getSQLState()
          + ")";
    }
  }

  private static boolean isRoutine(ClassifiedStatement classified) {
    return "CREATE FUNCTION".equals(classified.commandTag())
        || "CREATE PROCEDURE".equals(classified.commandTag());
  }

  /** Creates the routine; false, and nothing done, when its body names something not made yet. */
  private static boolean tryRoutine(Connection connection, Statement statement, String text)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      statement.execute(text);
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!NOT_YET_MADE.contains(e.getSQLState())) {
        refused(text, e);
      }
      connection.rollback(savepoint);
      return false;
    }
  }

  /** Runs the routines put off, in passes while one succeeds; the last refusal is reported. */
  private static int applyDeferred(
      Connection connection, Statement statement, List<String> deferred) throws SQLException {
    int applied = 0;
    boolean progress = true;
    while (!deferred.isEmpty() && progress) {
      progress = false;
      for (Iterator<String> it = deferred.iterator(); it.hasNext(); ) {
        String text = it.next();
        if (tryRoutine(connection, statement, text)) {
          it.remove();
          applied++;
          progress = true;
        }
      }
    }
    if (!deferred.isEmpty()) {
      execute(statement, deferred.get(0));
    }
    return applied;
  }

  private static void execute(Statement statement, String text) throws SQLException {
    try {
      statement.execute(text);
    } catch (SQLException e) {
      refused(text, e);
    }
  }

  /**
   * Throws the refusal of {@code text}.
   *
   * @throws SQLException {@code e} itself when the connection failed
   */
  private static void refused(String text, SQLException e) throws SQLException {
    if (e.getSQLState() == null || e.getSQLState().startsWith("08")) {
      throw e;
    }
    throw new AdminException(
        AdminError.SCHEMA_STATEMENT_REFUSED,
        "PostgreSQL refused "
            + shown(text)
            + ": "
            + e.getMessage()
            + " (SQLSTATE "
            + e.getSQLState()
            + "); nothing was applied",
        "the workspace's runtime role runs the schema; objects it may not make (extensions,"
            + " other owners' schemas) must exist first",
        e);
  }

  private static String shown(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= SHOWN_CHARS ? line : line.substring(0, SHOWN_CHARS) + "…";
  }
}
