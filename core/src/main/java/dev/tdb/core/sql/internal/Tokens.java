/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import java.util.Arrays;

/**
 * The tokens of one SQL text, stored as parallel int arrays so that lexing allocates a handful of
 * arrays instead of an object per token.
 */
public final class Tokens {
  /** An unquoted word: a keyword or an identifier. */
  public static final int WORD = 1;

  /** A double-quoted identifier, including {@code U&"..."}. */
  public static final int QUOTED_IDENT = 2;

  /** A quoted string constant of any form, including dollar quotes. */
  public static final int STRING = 3;

  /** A numeric constant. */
  public static final int NUMBER = 4;

  /** A positional parameter such as {@code $1}. */
  public static final int PARAM = 5;

  /** {@code (}. */
  public static final int LPAREN = 6;

  /** {@code )}. */
  public static final int RPAREN = 7;

  /** {@code ;}. */
  public static final int SEMICOLON = 8;

  /** {@code ,}. */
  public static final int COMMA = 9;

  /** {@code .}. */
  public static final int DOT = 10;

  /** An operator or any other punctuation. */
  public static final int OPERATOR = 11;

  /** A quote, dollar quote or comment that is not closed before the end of the text. */
  public static final int UNTERMINATED = 12;

  final String sql;
  private int[] types;
  private int[] starts;
  private int[] ends;
  private int count;

  Tokens(String sql, int capacity) {
    this.sql = sql;
    this.types = new int[capacity];
    this.starts = new int[capacity];
    this.ends = new int[capacity];
  }

  void add(int type, int start, int end) {
    if (count == types.length) {
      int grown = Math.max(16, count * 2);
      types = Arrays.copyOf(types, grown);
      starts = Arrays.copyOf(starts, grown);
      ends = Arrays.copyOf(ends, grown);
    }
    types[count] = type;
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  /** The SQL text these tokens were cut from. */
  public String sql() {
    return sql;
  }

  /** Number of tokens. */
  public int count() {
    return count;
  }

  /** Type of token {@code i}, one of the constants of this class. */
  public int type(int i) {
    return types[i];
  }

  /** Source offset where token {@code i} starts. */
  public int start(int i) {
    return starts[i];
  }

  /** Source offset just past token {@code i}. */
  public int end(int i) {
    return ends[i];
  }

  /** True when token {@code i} exists and is the unquoted word {@code lowerCaseWord}. */
  public boolean isWord(int i, String lowerCaseWord) {
    return i >= 0
        && i < count
        && types[i] == WORD
        && ends[i] - starts[i] == lowerCaseWord.length()
        && sql.regionMatches(true, starts[i], lowerCaseWord, 0, lowerCaseWord.length());
  }

  /** True when token {@code i} exists and has the given type. */
  public boolean isType(int i, int type) {
    return i >= 0 && i < count && types[i] == type;
  }

  /** The text of token {@code i}. */
  public String text(int i) {
    return sql.substring(starts[i], ends[i]);
  }

  /** The word at {@code i} in lower case, or the empty string when it is not a word. */
  public String lowerWord(int i) {
    if (i < 0 || i >= count || types[i] != WORD) {
      return "";
    }
    return sql.substring(starts[i], ends[i]).toLowerCase(java.util.Locale.ROOT);
  }
}
