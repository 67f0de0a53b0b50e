/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import dev.tdb.core.sql.StringEscapes;

/**
 * Cuts SQL text into tokens by PostgreSQL's lexical rules, reading {@code '...'} strings as the
 * session's {@code standard_conforming_strings} says ({@link StringEscapes}). Comments and white
 * space produce no tokens. Never throws and always terminates: a quote or comment left open becomes
 * one {@link Tokens#UNTERMINATED} token that runs to the end.
 */
public final class Lexer {
  private final String sql;
  private final int length;
  private final Tokens tokens;
  private final boolean plainStringEscapes;

  private Lexer(String sql, StringEscapes escapes) {
    this.sql = sql;
    this.length = sql.length();
    this.tokens = new Tokens(sql, Math.max(8, length / 5));
    this.plainStringEscapes = escapes == StringEscapes.BACKSLASH;
  }

  /** Returns the tokens of {@code sql} with {@code standard_conforming_strings} on. */
  public static Tokens tokenize(String sql) {
    return tokenize(sql, StringEscapes.STANDARD);
  }

  /** Returns the tokens of {@code sql} read with {@code escapes}. */
  public static Tokens tokenize(String sql, StringEscapes escapes) {
    Lexer lexer = new Lexer(sql, escapes);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    int p = 0;
    while (p < length) {
      p = next(p);
    }
  }

  /**
   * Lexes one token or skips one comment or white space run at {@code p}; returns the new offset.
   */
  private int next(int p) {
    char c = sql.charAt(p);
    if (isSpace(c)) {
      return p + 1;
    }
    if (c == '-' && charAt(p + 1) == '-') {
      return lineCommentEnd(p);
    }
    if (c == '/' && charAt(p + 1) == '*') {
      return blockComment(p);
    }
    switch (c) {
      case '\'':
        return quoted(p, p + 1, '\'', Tokens.STRING, plainStringEscapes);
      case '"':
        return quoted(p, p + 1, '"', Tokens.QUOTED_IDENT, false);
      case '$':
        return dollar(p);
      case '(':
        return single(Tokens.LPAREN, p);
      case ')':
        return single(Tokens.RPAREN, p);
      case ';':
        return single(Tokens.SEMICOLON, p);
      case ',':
        return single(Tokens.COMMA, p);
      default:
        break;
    }
    if (c == '.' && !isDigit(charAt(p + 1))) {
      return single(Tokens.DOT, p);
    }
    if (isDigit(c) || c == '.') {
      return number(p);
    }
    if (isIdentStart(c)) {
      return wordOrPrefixedString(p, c);
    }
    if (isOperatorChar(c)) {
      return operator(p);
    }
    return single(Tokens.OPERATOR, p);
  }

  private int single(int type, int p) {
    tokens.add(type, p, p + 1);
    return p + 1;
  }

  private int lineCommentEnd(int p) {
    int q = p + 2;
    while (q < length && sql.charAt(q) != '\n' && sql.charAt(q) != '\r') {
      q++;
    }
    return q;
  }

  private int blockComment(int p) {
    int depth = 1;
    int q = p + 2;
    while (q < length) {
      char c = sql.charAt(q);
      if (c == '*' && charAt(q + 1) == '/') {
        q += 2;
        if (--depth == 0) {
          return q;
        }
      } else if (c == '/' && charAt(q + 1) == '*') {
        depth++;
        q += 2;
      } else {
        q++;
      }
    }
    tokens.add(Tokens.UNTERMINATED, p, length);
    return length;
  }

  /**
   * Lexes a quoted string or identifier whose body starts at {@code bodyStart}. A doubled quote
   * stands for itself; with {@code backslashEscapes} (E'' strings, and '' and N'' strings when
   * {@code standard_conforming_strings} is off) a backslash escapes the next character. A string
   * constant continues past its closing quote when white space with a newline and another quote
   * follow, in the same escape mode, as PostgreSQL reads {@code E'a'<newline>'b'} as one constant.
   */
  private int quoted(int start, int bodyStart, char quote, int type, boolean backslashEscapes) {
    int q = bodyStart;
    while (q < length) {
      char c = sql.charAt(q);
      if (backslashEscapes && c == '\\') {
        q += 2;
      } else if (c == quote) {
        if (charAt(q + 1) == quote) {
          q += 2;
          continue;
        }
        int continued = type == Tokens.STRING ? continuation(q + 1) : -1;
        if (continued < 0) {
          tokens.add(type, start, q + 1);
          return q + 1;
        }
        q = continued;
      } else {
        q++;
      }
    }
    tokens.add(Tokens.UNTERMINATED, start, length);
    return length;
  }

  /**
   * Where a string constant continues after its closing quote, {@code p} being just past it: the
   * offset after the next opening quote, or -1. PostgreSQL's rule: spaces, tabs, form feeds and
   * {@code --} comments, a newline, then any white space and {@code --} comments, then a quote.
   */
  private int continuation(int p) {
    int q = p;
    boolean newline = false;
    while (q < length) {
      char c = sql.charAt(q);
      if (c == '\n' || c == '\r') {
        newline = true;
        q++;
      } else if (c == ' ' || c == '\t' || c == '\f' || (newline && c == '\u000B')) {
        q++;
      } else if (c == '-' && charAt(q + 1) == '-') {
        q = lineCommentEnd(q);
      } else {
        break;
      }
    }
    return newline && charAt(q) == '\'' ? q + 1 : -1;
  }

  private int dollar(int p) {
    if (isDigit(charAt(p + 1))) {
      int q = p + 1;
      while (isDigit(charAt(q))) {
        q++;
      }
      tokens.add(Tokens.PARAM, p, q);
      return q;
    }
    int tagEnd = p + 1;
    if (isIdentStart(charAt(tagEnd))) {
      tagEnd++;
      while (tagEnd < length && isDollarTagChar(sql.charAt(tagEnd))) {
        tagEnd++;
      }
    }
    if (charAt(tagEnd) != '$') {
      return single(Tokens.OPERATOR, p);
    }
    String delimiter = sql.substring(p, tagEnd + 1);
    int close = sql.indexOf(delimiter, tagEnd + 1);
    if (close < 0) {
      tokens.add(Tokens.UNTERMINATED, p, length);
      return length;
    }
    int end = close + delimiter.length();
    tokens.add(Tokens.STRING, p, end);
    return end;
  }

  private int number(int p) {
    int q = p;
    if (sql.charAt(q) == '0' && "xXoObB".indexOf(charAt(q + 1)) >= 0 && isHexOrUnderscore(q + 2)) {
      q += 2;
      while (isHexOrUnderscore(q)) {
        q++;
      }
      tokens.add(Tokens.NUMBER, p, q);
      return q;
    }
    boolean seenDot = false;
    while (q < length) {
      char c = sql.charAt(q);
      if (isDigit(c) || c == '_') {
        q++;
      } else if (c == '.' && !seenDot && charAt(q + 1) != '.') {
        seenDot = true;
        q++;
      } else if ((c == 'e' || c == 'E') && exponentFollows(q)) {
        q = q + (isDigit(charAt(q + 1)) ? 1 : 2);
        while (isDigit(charAt(q))) {
          q++;
        }
        break;
      } else {
        break;
      }
    }
    tokens.add(Tokens.NUMBER, p, q);
    return q;
  }

  private boolean exponentFollows(int q) {
    char next = charAt(q + 1);
    return isDigit(next) || ((next == '+' || next == '-') && isDigit(charAt(q + 2)));
  }

  private boolean isHexOrUnderscore(int q) {
    char c = charAt(q);
    return isDigit(c) || c == '_' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private int wordOrPrefixedString(int p, char c) {
    char next = charAt(p + 1);
    if (next == '\'') {
      switch (c) {
        case 'e':
        case 'E':
          return quoted(p, p + 2, '\'', Tokens.STRING, true);
        case 'b':
        case 'B':
        case 'x':
        case 'X':
          return quoted(p, p + 2, '\'', Tokens.STRING, false);
        case 'n':
        case 'N':
          return quoted(p, p + 2, '\'', Tokens.STRING, plainStringEscapes);
        default:
          break;
      }
    }
    if ((c == 'u' || c == 'U') && next == '&') {
      char quote = charAt(p + 2);
      if (quote == '\'') {
        return quoted(p, p + 3, '\'', Tokens.STRING, false);
      }
      if (quote == '"') {
        return quoted(p, p + 3, '"', Tokens.QUOTED_IDENT, false);
      }
    }
    int q = p + 1;
    while (q < length && isIdentPart(sql.charAt(q))) {
      q++;
    }
    tokens.add(Tokens.WORD, p, q);
    return q;
  }

  private int operator(int p) {
    int q = p + 1;
    while (q < length && isOperatorChar(sql.charAt(q))) {
      char c = sql.charAt(q);
      // PostgreSQL ends an operator where a comment starts: "1*/*x*/2" is 1 * 2.
      if ((c == '-' && charAt(q + 1) == '-') || (c == '/' && charAt(q + 1) == '*')) {
        break;
      }
      q++;
    }
    tokens.add(Tokens.OPERATOR, p, q);
    return q;
  }

  private char charAt(int i) {
    return i < length ? sql.charAt(i) : '\0';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }

  private static boolean isDollarTagChar(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isOperatorChar(char c) {
    return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
  }
}
