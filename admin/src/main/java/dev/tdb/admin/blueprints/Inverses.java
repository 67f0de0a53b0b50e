/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.SqlTokens;
import dev.tdb.core.sql.SqlTokens.Type;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statement that undoes a captured change, for the forms where dropping what was made restores
 * the schema exactly: {@code CREATE TABLE|INDEX|VIEW|MATERIALIZED VIEW|SEQUENCE|TYPE|DOMAIN|
 * FUNCTION|PROCEDURE|SCHEMA} and {@code ALTER TABLE ... ADD COLUMN|ADD CONSTRAINT}. The object is
 * named by the identity PostgreSQL captured (already quoted and schema-qualified), the column or
 * constraint by the statement's own text, read with core's lexer.
 */
final class Inverses {
  private static final Map<String, String> DROPS =
      Map.ofEntries(
          Map.entry("CREATE TABLE", "DROP TABLE"),
          Map.entry("CREATE TABLE AS", "DROP TABLE"),
          Map.entry("SELECT INTO", "DROP TABLE"),
          Map.entry("CREATE INDEX", "DROP INDEX"),
          Map.entry("CREATE VIEW", "DROP VIEW"),
          Map.entry("CREATE MATERIALIZED VIEW", "DROP MATERIALIZED VIEW"),
          Map.entry("CREATE SEQUENCE", "DROP SEQUENCE"),
          Map.entry("CREATE TYPE", "DROP TYPE"),
          Map.entry("CREATE DOMAIN", "DROP DOMAIN"),
          Map.entry("CREATE FUNCTION", "DROP FUNCTION"),
          Map.entry("CREATE PROCEDURE", "DROP PROCEDURE"),
          Map.entry("CREATE SCHEMA", "DROP SCHEMA"));

  private Inverses() {}

  /** Why a change has no inverse; the message completes "version N has no inverse: ...". */
  static final class NoInverse extends Exception {
    private static final long serialVersionUID = 1L;

    NoInverse(String reason) {
      super(reason);
    }
  }

  /**
   * The inverse of {@code change}.
   *
   * @throws NoInverse when tdb cannot prove a statement that undoes it
   */
  static String of(ChangeRow change) throws NoInverse {
    String tag = change.commandTag();
    if (change.objectIdentity() == null) {
      throw new NoInverse(tag + " recorded no object (nothing was made, or it ran in a DO block)");
    }
    SqlTokens tokens = SqlTokens.of(single(change));
    if (tokens.isWord(1, "or") && tokens.isWord(2, "replace")) {
      throw new NoInverse("CREATE OR REPLACE may have replaced an earlier definition");
    }
    String drop = DROPS.get(tag);
    if (drop != null) {
      return drop + " " + change.objectIdentity();
    }
    if (tag.equals("ALTER TABLE")) {
      return "ALTER TABLE " + change.objectIdentity() + " " + alterTableDrops(tokens);
    }
    throw new NoInverse(tag + " has no inverse tdb can generate");
  }

  /** The change's one statement; refuses DO blocks, several statements and other tags. */
  private static String single(ChangeRow change) throws NoInverse {
    Classification classification = SqlClassifier.classifyUncached(change.sql());
    List<ClassifiedStatement> statements = classification.statements();
    if (statements.size() != 1) {
      throw new NoInverse("it holds " + statements.size() + " statements");
    }
    ClassifiedStatement statement = statements.get(0);
    if (statement.has(StatementFact.ANONYMOUS_CODE)
        || statement.kind() != StatementKind.DDL
        || !change.commandTag().equalsIgnoreCase(statement.commandTag())) {
      throw new NoInverse(
          "its statement is not a plain " + change.commandTag() + " (DO block or function call)");
    }
    return statement.text(classification.sql());
  }

  /** {@code DROP CONSTRAINT c, DROP COLUMN x} for the clauses of an ALTER TABLE, last first. */
  private static String alterTableDrops(SqlTokens tokens) throws NoInverse {
    int i = 2;
    if (tokens.isWord(i, "if") && tokens.isWord(i + 1, "exists")) {
      i += 2;
    }
    if (tokens.isWord(i, "only")) {
      i++;
    }
    i = skipName(tokens, i);
    if (tokens.is(i, Type.OPERATOR) && tokens.text(i).equals("*")) {
      i++;
    }
    List<String> drops = new ArrayList<>();
    while (i < tokens.count() && !tokens.is(i, Type.SEMICOLON)) {
      drops.add(0, dropFor(tokens, i));
      i = nextClause(tokens, i);
    }
    if (drops.isEmpty()) {
      throw new NoInverse("ALTER TABLE without a clause");
    }
    return String.join(", ", drops);
  }

  private static String dropFor(SqlTokens tokens, int i) throws NoInverse {
    if (!tokens.isWord(i, "add")) {
      throw new NoInverse(
          "ALTER TABLE ... "
              + tokens.text(i).toUpperCase(Locale.ROOT)
              + " has no inverse tdb can generate (only ADD COLUMN and ADD CONSTRAINT do)");
    }
    int next = i + 1;
    if (tokens.isWord(next, "constraint")) {
      return "DROP CONSTRAINT " + identifier(tokens, next + 1);
    }
    for (String keyword : List.of("primary", "unique", "check", "foreign", "exclude")) {
      if (tokens.isWord(next, keyword)) {
        throw new NoInverse("the constraint has no name; add it with ADD CONSTRAINT <name>");
      }
    }
    if (tokens.isWord(next, "column")) {
      next++;
    }
    if (tokens.isWord(next, "if")) {
      throw new NoInverse("ADD COLUMN IF NOT EXISTS may have found the column already there");
    }
    return "DROP COLUMN " + identifier(tokens, next);
  }

  private static String identifier(SqlTokens tokens, int i) throws NoInverse {
    if (!tokens.is(i, Type.WORD) && !tokens.is(i, Type.QUOTED_IDENT)) {
      throw new NoInverse("cannot read the name after token " + i);
    }
    return tokens.text(i);
  }

  private static int skipName(SqlTokens tokens, int i) {
    int at = i + 1;
    while (tokens.is(at, Type.DOT)) {
      at += 2;
    }
    return at;
  }

  /** The token after the comma that ends the clause at {@code i}, or the end. */
  private static int nextClause(SqlTokens tokens, int i) {
    int depth = 0;
    for (int at = i; at < tokens.count(); at++) {
      Type type = tokens.type(at);
      if (type == Type.LPAREN) {
        depth++;
      } else if (type == Type.RPAREN) {
        depth--;
      } else if (depth == 0 && type == Type.COMMA) {
        return at + 1;
      } else if (depth == 0 && type == Type.SEMICOLON) {
        return at;
      }
    }
    return tokens.count();
  }
}
