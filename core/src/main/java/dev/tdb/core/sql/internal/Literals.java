/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

/**
 * Reads constant values and names out of tokens the way PostgreSQL reads them, escapes included, so
 * that {@code E'\x72ole'} and {@code U&"\0072ole"} are both {@code role}.
 */
final class Literals {
  private Literals() {}

  /** The value of a constant token: a string unquoted, anything else as written. */
  static String valueOf(Tokens tokens, int i) {
    String text = tokens.text(i);
    return tokens.type(i) == Tokens.STRING ? unquoteString(text) : text;
  }

  /**
   * The content of a string constant in any of PostgreSQL's quoting forms, with its escapes
   * resolved and its continuation lines ({@code 'a'<newline>'b'}) joined.
   */
  static String unquoteString(String text) {
    if (text.startsWith("$")) {
      int tagEnd = text.indexOf('$', 1) + 1;
      return text.substring(tagEnd, text.length() - tagEnd);
    }
    int open = text.indexOf('\'');
    char prefix = open == 0 ? ' ' : Character.toLowerCase(text.charAt(0));
    StringBuilder body = new StringBuilder(text.length());
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (prefix == 'e' && c == '\\' && i + 1 < text.length()) {
        i = backslashEscape(text, i + 1, body);
      } else if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
        body.append('\'');
        i += 2;
      } else if (c == '\'') {
        i = nextSegment(text, i + 1);
      } else {
        body.append(c);
        i++;
      }
    }
    return prefix == 'u' ? unicodeEscapes(body.toString(), '\\') : body.toString();
  }

  /** The offset after the opening quote of the next continuation segment, or the text's end. */
  private static int nextSegment(String text, int i) {
    int q = i;
    while (q < text.length() && text.charAt(q) != '\'') {
      if (text.charAt(q) == '-' && q + 1 < text.length() && text.charAt(q + 1) == '-') {
        while (q < text.length() && text.charAt(q) != '\n' && text.charAt(q) != '\r') {
          q++;
        }
      } else {
        q++;
      }
    }
    return q + 1;
  }

  /** Resolves the E'' escape whose first character after the backslash is at {@code i}. */
  private static int backslashEscape(String text, int i, StringBuilder out) {
    char c = text.charAt(i);
    switch (c) {
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'x' -> {
        int end = digitsEnd(text, i + 1, 2, 16);
        if (end == i + 1) {
          out.append(c);
          return i + 1;
        }
        out.append((char) Integer.parseInt(text.substring(i + 1, end), 16));
        return end;
      }
      case 'u', 'U' -> {
        int digits = c == 'u' ? 4 : 8;
        int end = digitsEnd(text, i + 1, digits, 16);
        if (end - i - 1 != digits) {
          out.append(c);
          return i + 1;
        }
        appendCodePoint(out, Long.parseLong(text.substring(i + 1, end), 16), text, i - 1, end);
        return end;
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int end = digitsEnd(text, i, 3, 8);
          out.append((char) (Integer.parseInt(text.substring(i, end), 8) & 0xFF));
          return end;
        }
        out.append(c);
      }
    }
    return i + 1;
  }

  /** The body of a {@code U&} constant with {@code \XXXX} and {@code \+XXXXXX} resolved. */
  static String unicodeEscapes(String body, char escape) {
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != escape || i + 1 >= body.length()) {
        out.append(c);
        i++;
      } else if (body.charAt(i + 1) == escape) {
        out.append(escape);
        i += 2;
      } else {
        boolean plus = body.charAt(i + 1) == '+';
        int digitsStart = plus ? i + 2 : i + 1;
        int digits = plus ? 6 : 4;
        int end = digitsEnd(body, digitsStart, digits, 16);
        if (end - digitsStart != digits) {
          out.append(c);
          i++;
        } else {
          long codePoint = Long.parseLong(body.substring(digitsStart, end), 16);
          appendCodePoint(out, codePoint, body, i, end);
          i = end;
        }
      }
    }
    return out.toString();
  }

  private static void appendCodePoint(
      StringBuilder out, long codePoint, String text, int escapeStart, int end) {
    if (Character.isValidCodePoint((int) codePoint) && codePoint <= Character.MAX_CODE_POINT) {
      out.appendCodePoint((int) codePoint);
    } else {
      out.append(text, escapeStart, end);
    }
  }

  /** End of a run of at most {@code max} digits of {@code radix} starting at {@code i}. */
  private static int digitsEnd(String text, int i, int max, int radix) {
    int end = i;
    while (end < text.length() && end - i < max && Character.digit(text.charAt(end), radix) >= 0) {
      end++;
    }
    return end;
  }

  /**
   * The name inside a quoted identifier, with {@code ""} and, for {@code U&"..."}, the Unicode
   * escapes resolved using {@code escape}.
   */
  private static String unquoteIdentifier(String text, char escape) {
    int open = text.indexOf('"');
    String body = text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
    return open == 0 ? body : unicodeEscapes(body, escape);
  }

  /**
   * The name of the identifier at token {@code i}: a word in lower case, a quoted identifier as
   * written (its {@code UESCAPE} clause applied), or {@code null} when token {@code i} is neither.
   */
  static String identifier(Tokens tokens, int i) {
    if (tokens.isType(i, Tokens.WORD)) {
      return tokens.lowerWord(i);
    }
    if (!tokens.isType(i, Tokens.QUOTED_IDENT)) {
      return null;
    }
    char escape = '\\';
    if (hasUescape(tokens, i)) {
      String escapeText = unquoteString(tokens.text(i + 2));
      escape = escapeText.length() == 1 ? escapeText.charAt(0) : '\\';
    }
    return unquoteIdentifier(tokens.text(i), escape);
  }

  /** Index just past the identifier at token {@code i}, its {@code UESCAPE 'c'} clause included. */
  static int identifierEnd(Tokens tokens, int i) {
    return tokens.isType(i, Tokens.QUOTED_IDENT) && hasUescape(tokens, i) ? i + 3 : i + 1;
  }

  private static boolean hasUescape(Tokens tokens, int i) {
    return tokens.isWord(i + 1, "uescape") && tokens.isType(i + 2, Tokens.STRING);
  }
}
