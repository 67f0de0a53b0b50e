/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

/** Reads constant values out of tokens. */
final class Literals {
  private Literals() {}

  /** The value of a constant token: a string unquoted, anything else as written. */
  static String valueOf(Tokens tokens, int i) {
    String text = tokens.text(i);
    return tokens.type(i) == Tokens.STRING ? unquoteString(text) : text;
  }

  /** The content of a string constant in any of PostgreSQL's quoting forms. */
  static String unquoteString(String text) {
    if (text.startsWith("$")) {
      int tagEnd = text.indexOf('$', 1) + 1;
      return text.substring(tagEnd, text.length() - tagEnd);
    }
    int open = text.indexOf('\'');
    String body = text.substring(open + 1, text.length() - 1);
    boolean escapes = open == 1 && (text.charAt(0) == 'e' || text.charAt(0) == 'E');
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (escapes && c == '\\' && i + 1 < body.length()) {
        out.append(body.charAt(++i));
      } else {
        out.append(c);
        if (c == '\'') {
          i++;
        }
      }
    }
    return out.toString();
  }

  /** The name inside a quoted identifier. */
  static String unquoteIdentifier(String text) {
    int open = text.indexOf('"');
    return text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
  }
}
