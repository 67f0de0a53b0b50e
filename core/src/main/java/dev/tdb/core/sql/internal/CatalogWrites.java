/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import dev.tdb.core.sql.SettingChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds writes to system relations anywhere in a statement: {@code INSERT INTO}, {@code UPDATE},
 * {@code DELETE FROM}, {@code MERGE INTO}, {@code TRUNCATE} and {@code COPY ... FROM} whose target
 * is in {@code pg_catalog} or is named {@code pg_...}, in CTEs and behind EXPLAIN or PREPARE alike.
 * The scan looks at every token rather than at statement starts, so a keyword in an unexpected
 * place errs towards a refusal.
 *
 * <p>PostgreSQL grants UPDATE on {@code pg_settings} to PUBLIC and turns it into {@code
 * set_config}, so a write to it is also recorded as a setting change: {@code UPDATE pg_settings SET
 * setting = 'v' WHERE name = 'n'} exactly as the change of {@code n} to {@code v}, any other write
 * as a change of a setting whose name is unknown.
 */
final class CatalogWrites {
  private CatalogWrites() {}

  static void scan(StatementAnalyzer a) {
    Tokens tokens = a.tokens;
    for (int i = a.from; i < a.to; i++) {
      if (tokens.type(i) != Tokens.WORD) {
        continue;
      }
      switch (tokens.lowerWord(i)) {
        case "insert", "merge" -> after(a, i, "into");
        case "delete" -> after(a, i, "from");
        case "update" -> target(a, i, skipOnly(tokens, i + 1));
        case "truncate" -> truncate(a, i);
        case "copy" -> copyFrom(a, i);
        default -> {}
      }
    }
  }

  private static void after(StatementAnalyzer a, int keyword, String word) {
    if (a.tokens.isWord(keyword + 1, word)) {
      target(a, keyword, skipOnly(a.tokens, keyword + 2));
    }
  }

  private static void truncate(StatementAnalyzer a, int keyword) {
    int i = a.tokens.isWord(keyword + 1, "table") ? keyword + 2 : keyword + 1;
    while (i < a.to) {
      int end = target(a, keyword, skipOnly(a.tokens, i));
      while (end < a.to && a.tokens.isType(end, Tokens.OPERATOR)) {
        end++;
      }
      if (end <= i || !a.tokens.isType(end, Tokens.COMMA)) {
        return;
      }
      i = end + 1;
    }
  }

  /** {@code COPY name [(columns)] FROM ...}; a COPY that starts the statement only. */
  private static void copyFrom(StatementAnalyzer a, int keyword) {
    if (keyword != a.from || a.tokens.isType(keyword + 1, Tokens.LPAREN)) {
      return;
    }
    for (int j = keyword + 1; j < a.to; j++) {
      if (a.tokens.isWord(j, "to")) {
        return;
      }
      if (a.tokens.isWord(j, "from")) {
        target(a, keyword, keyword + 1);
        return;
      }
    }
  }

  private static int skipOnly(Tokens tokens, int i) {
    return tokens.isWord(i, "only") ? i + 1 : i;
  }

  /**
   * Records the relation named at {@code i} when it is a system relation; returns the index just
   * past its name ({@code i} when there is no name there).
   */
  private static int target(StatementAnalyzer a, int keyword, int i) {
    List<String> parts = new ArrayList<>(3);
    int j = i;
    while (j < a.to) {
      String part = Literals.identifier(a.tokens, j);
      if (part == null) {
        break;
      }
      parts.add(part);
      j = Literals.identifierEnd(a.tokens, j);
      if (!a.tokens.isType(j, Tokens.DOT)) {
        break;
      }
      j++;
    }
    if (parts.isEmpty() || !isSystemRelation(parts)) {
      return parts.isEmpty() ? i : j;
    }
    a.catalogWrites.add(String.join(".", parts));
    String relation = parts.get(parts.size() - 1);
    boolean inCatalog = parts.size() == 1 || parts.get(parts.size() - 2).equals("pg_catalog");
    if (relation.equals("pg_settings") && inCatalog) {
      a.settingChanges.add(
          a.tokens.isWord(keyword, "update")
              ? PgSettingsUpdate.read(a.tokens, j, a.to)
              : SettingChange.computed(null));
    }
    return j;
  }

  private static boolean isSystemRelation(List<String> parts) {
    String relation = parts.get(parts.size() - 1);
    return relation.startsWith("pg_")
        || parts.size() > 1 && parts.get(parts.size() - 2).equals("pg_catalog");
  }

  /** Reads {@code [[AS] alias] SET setting = 'v' WHERE name = 'n'} after {@code pg_settings}. */
  private static final class PgSettingsUpdate {
    private final Tokens tokens;
    private final int to;
    private int i;
    private String alias;

    private PgSettingsUpdate(Tokens tokens, int i, int to) {
      this.tokens = tokens;
      this.i = i;
      this.to = to;
    }

    static SettingChange read(Tokens tokens, int i, int to) {
      return new PgSettingsUpdate(tokens, i, to).read();
    }

    private SettingChange read() {
      if (tokens.isWord(i, "as")) {
        i++;
      }
      if (!tokens.isWord(i, "set")) {
        alias = Literals.identifier(tokens, i);
        i = Literals.identifierEnd(tokens, i);
      }
      if (!word("set") || !column("setting") || !operator("=")) {
        return SettingChange.computed(null);
      }
      String value = constant(Tokens.STRING, Tokens.NUMBER);
      if (value == null || !word("where") || !column("name") || !operator("=")) {
        return SettingChange.computed(null);
      }
      String name = constant(Tokens.STRING, Tokens.STRING);
      boolean ends = i >= to || tokens.isType(i, Tokens.RPAREN) || tokens.isWord(i, "returning");
      return name == null || !ends
          ? SettingChange.computed(null)
          : SettingChange.set(name.toLowerCase(Locale.ROOT), value);
    }

    private boolean word(String word) {
      return i < to && tokens.isWord(i, word) && ++i > 0;
    }

    private boolean operator(String text) {
      return i < to && tokens.isType(i, Tokens.OPERATOR) && tokens.text(i).equals(text) && ++i > 0;
    }

    /** {@code column} or {@code alias.column}. */
    private boolean column(String column) {
      if (alias != null
          && alias.equals(Literals.identifier(tokens, i))
          && tokens.isType(i + 1, Tokens.DOT)) {
        i += 2;
      }
      if (i < to && column.equals(Literals.identifier(tokens, i))) {
        i = Literals.identifierEnd(tokens, i);
        return true;
      }
      return false;
    }

    private String constant(int type, int otherType) {
      if (i >= to || (tokens.type(i) != type && tokens.type(i) != otherType)) {
        return null;
      }
      return Literals.valueOf(tokens, i++);
    }
  }
}
