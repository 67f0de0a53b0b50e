/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import dev.tdb.core.sql.SettingChange;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.Locale;

/** SET, RESET, SHOW and DISCARD, with the setting changes they make. */
final class SessionCommands {
  private SessionCommands() {}

  static void analyze(StatementAnalyzer a, String verb) {
    switch (verb) {
      case "set" -> set(a);
      case "reset" -> reset(a);
      case "show" -> a.is(StatementKind.SESSION, "SHOW");
      default -> discard(a);
    }
  }

  private static void set(StatementAnalyzer a) {
    Tokens tokens = a.tokens;
    int i = a.from + 1;
    if (tokens.isWord(i, "transaction")) {
      a.is(StatementKind.TRANSACTION, "SET");
      return;
    }
    if (tokens.isWord(i, "constraints")) {
      a.is(StatementKind.TRANSACTION, "SET CONSTRAINTS");
      return;
    }
    a.is(StatementKind.SESSION, "SET");
    if (!tokens.isWord(i, "local")) {
      a.facts.add(StatementFact.SESSION_SETTING);
    }
    if (tokens.isWord(i, "session") && tokens.isWord(i + 1, "characteristics")) {
      return;
    }
    if ((tokens.isWord(i, "session") && !tokens.isWord(i + 1, "authorization"))
        || tokens.isWord(i, "local")) {
      i++;
    }
    int valueStart = settingNameEnd(tokens, i, a.to);
    String name = settingName(tokens, i, valueStart);
    if (tokens.isWord(valueStart, "to") || isEquals(tokens, valueStart)) {
      valueStart++;
    }
    a.settingChanges.add(value(a, name, valueStart));
  }

  private static void reset(StatementAnalyzer a) {
    a.is(StatementKind.SESSION, "RESET");
    a.facts.add(StatementFact.SESSION_SETTING);
    int i = a.from + 1;
    String name = settingName(a.tokens, i, settingNameEnd(a.tokens, i, a.to));
    a.settingChanges.add(SettingChange.reset(name));
  }

  private static void discard(StatementAnalyzer a) {
    String what = a.tokens.lowerWord(a.from + 1);
    if (what.equals("all")) {
      a.nonTransactional(StatementKind.SESSION, "DISCARD ALL");
    } else {
      a.is(StatementKind.SESSION, what.isEmpty() ? "DISCARD" : "DISCARD " + upperOf(what));
    }
  }

  /** Index just past the setting name at {@code i}, which may be two words or dotted. */
  private static int settingNameEnd(Tokens tokens, int i, int to) {
    if (tokens.isWord(i, "session") && tokens.isWord(i + 1, "authorization")
        || tokens.isWord(i, "time") && tokens.isWord(i + 1, "zone")
        || tokens.isWord(i, "xml") && tokens.isWord(i + 1, "option")) {
      return i + 2;
    }
    int j = Literals.identifierEnd(tokens, i);
    while (j + 1 < to && tokens.isType(j, Tokens.DOT)) {
      j = Literals.identifierEnd(tokens, j + 1);
    }
    return Math.min(j, to);
  }

  /** The setting's canonical name: the aliases PostgreSQL accepts map to the real setting. */
  private static String settingName(Tokens tokens, int start, int end) {
    if (start >= end) {
      return "";
    }
    StringBuilder name = new StringBuilder();
    int i = start;
    while (i < end) {
      if (tokens.type(i) == Tokens.DOT) {
        name.append('.');
        i++;
        continue;
      }
      if (i > start && tokens.type(i - 1) == Tokens.WORD && tokens.type(i) == Tokens.WORD) {
        name.append(' ');
      }
      String part = Literals.identifier(tokens, i);
      name.append(part == null ? tokens.text(i) : part.toLowerCase(Locale.ROOT));
      i = Literals.identifierEnd(tokens, i);
    }
    return switch (name.toString()) {
      case "session authorization" -> "session_authorization";
      case "time zone" -> "timezone";
      case "xml option" -> "xmloption";
      case "schema" -> "search_path";
      case "names" -> "client_encoding";
      default -> name.toString();
    };
  }

  private static SettingChange value(StatementAnalyzer a, String name, int start) {
    Tokens tokens = a.tokens;
    if (start >= a.to || start == a.to - 1 && tokens.isWord(start, "default")) {
      return SettingChange.reset(name);
    }
    if (start == a.to - 1) {
      return SettingChange.set(name, Literals.valueOf(tokens, start));
    }
    return SettingChange.set(
        name, tokens.sql().substring(tokens.start(start), tokens.end(a.to - 1)));
  }

  private static boolean isEquals(Tokens tokens, int i) {
    return tokens.isType(i, Tokens.OPERATOR) && tokens.text(i).equals("=");
  }

  private static String upperOf(String word) {
    return StatementAnalyzer.upper(word);
  }
}
