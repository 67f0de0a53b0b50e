/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.stats;

import dev.tdb.core.sql.StringEscapes;
import dev.tdb.core.sql.internal.Lexer;
import dev.tdb.core.sql.internal.Tokens;
import java.util.Objects;

/**
 * Normalizes SQL text for statement statistics, as {@code pg_stat_statements} does: every constant
 * ({@code '…'}, {@code E'…'}, {@code B'…'}, {@code X'…'}, {@code U&'…'}, dollar quotes, numbers,
 * the string of a typed literal such as {@code DATE '…'}, a number's unary minus) and every {@code
 * $n} parameter becomes a placeholder {@code $1}, {@code $2}… numbered in order, so a Parse of
 * {@code … WHERE id = $1} and a simple Query of {@code … WHERE id = 42} are one statement.
 * Identifiers and keywords stay as written; white space and comments between tokens become one
 * space; trailing semicolons go. A list of two or more constants after {@code IN} or {@code ARRAY}
 * becomes one placeholder followed by {@code /*, ... *}{@code /}, so lists of any length are one
 * statement (two at most: a list of one constant stays a list of one).
 *
 * <p>No constant of the input survives: the text is read both with and without {@code
 * standard_conforming_strings}, and whatever either reading calls a constant is replaced, so a
 * password in {@code ALTER ROLE … PASSWORD '…'} never reaches statistics whatever the session's
 * setting. Uses core's lexer; never throws for any input. Stateless and thread-safe.
 */
public final class StatementNormalizer {
  /** What follows the placeholder of a squashed list. */
  public static final String LIST_MARK = " /*, ... */";

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private StatementNormalizer() {}

  /** The normalized text and fingerprint of {@code sql}. */
  public static NormalizedStatement normalize(String sql) {
    Rendering rendering = rendering(sql, true);
    rendering.run();
    return new NormalizedStatement(rendering.text.toString(), rendering.hash);
  }

  /**
   * The fingerprint of {@code sql}, as {@link #normalize} computes it, without building the text:
   * what the proxy computes per statement, building the text only for a statement new in its
   * window.
   */
  public static long fingerprint(String sql) {
    Rendering rendering = rendering(sql, false);
    rendering.run();
    return rendering.hash;
  }

  private static Rendering rendering(String sql, boolean withText) {
    Objects.requireNonNull(sql, "sql");
    Tokens tokens = Lexer.tokenize(sql, StringEscapes.STANDARD);
    boolean[] constant = constants(tokens);
    if (sql.indexOf('\\') >= 0) {
      maskOtherReading(tokens, Lexer.tokenize(sql, StringEscapes.BACKSLASH), constant);
    }
    foldUnaryMinus(tokens, constant);
    return new Rendering(tokens, constant, withText);
  }

  private static boolean[] constants(Tokens tokens) {
    boolean[] constant = new boolean[tokens.count()];
    for (int i = 0; i < tokens.count(); i++) {
      constant[i] = isConstant(tokens.type(i));
    }
    return constant;
  }

  private static boolean isConstant(int type) {
    return type == Tokens.STRING
        || type == Tokens.NUMBER
        || type == Tokens.PARAM
        || type == Tokens.UNTERMINATED;
  }

  /** Marks the tokens that overlap a constant of {@code other}, a second reading of the text. */
  private static void maskOtherReading(Tokens tokens, Tokens other, boolean[] constant) {
    int j = 0;
    for (int i = 0; i < tokens.count(); i++) {
      while (j < other.count() && other.end(j) <= tokens.start(i)) {
        j++;
      }
      for (int k = j; k < other.count() && other.start(k) < tokens.end(i); k++) {
        if (isConstant(other.type(k))) {
          constant[i] = true;
        }
      }
    }
  }

  /** A {@code -} right before a number where no operand precedes it is the number's sign. */
  private static void foldUnaryMinus(Tokens tokens, boolean[] constant) {
    for (int i = 0; i + 1 < tokens.count(); i++) {
      boolean minus = isOperator(tokens, i, '-');
      boolean noOperand =
          i == 0
              || tokens.isType(i - 1, Tokens.OPERATOR)
              || tokens.isType(i - 1, Tokens.LPAREN)
              || tokens.isType(i - 1, Tokens.COMMA);
      if (minus && noOperand && tokens.isType(i + 1, Tokens.NUMBER)) {
        constant[i] = true;
      }
    }
  }

  /** Whether token {@code i} is the one-character operator {@code c}. */
  private static boolean isOperator(Tokens tokens, int i, char c) {
    return tokens.isType(i, Tokens.OPERATOR)
        && tokens.end(i) - tokens.start(i) == 1
        && tokens.sql().charAt(tokens.start(i)) == c;
  }

  /**
   * One pass over the tokens that hashes the canonical form and, when asked, writes the text;
   * allocates nothing but the text.
   */
  private static final class Rendering {
    private final Tokens tokens;
    private final boolean[] constant;
    private final int count;
    private final StringBuilder text;
    private long hash = FNV_OFFSET;
    private int placeholders;
    private int previousEnd = -1;

    Rendering(Tokens tokens, boolean[] constant, boolean withText) {
      this.tokens = tokens;
      this.constant = constant;
      int last = tokens.count();
      while (last > 0 && tokens.isType(last - 1, Tokens.SEMICOLON)) {
        last--;
      }
      this.count = last;
      this.text = withText ? new StringBuilder(tokens.sql().length()) : null;
    }

    void run() {
      int i = 0;
      while (i < count) {
        if (constant[i]) {
          i = placeholder(i, skipConstant(i), "?");
        } else if (opensList(i)) {
          token(i);
          int end = squashedListEnd(i + 1);
          i = end > 0 ? placeholder(i + 1, end, "?...") : i + 1;
        } else {
          token(i);
          i++;
        }
      }
    }

    /** The index after the run of constant tokens starting at {@code i}. */
    private int skipConstant(int i) {
      int j = i;
      while (j < count && constant[j]) {
        j++;
      }
      return j;
    }

    /** Whether token {@code i} opens a list that {@code IN} or {@code ARRAY} introduces. */
    private boolean opensList(int i) {
      boolean open = tokens.isType(i, Tokens.LPAREN) || isOperator(tokens, i, '[');
      return open && (tokens.isWord(i - 1, "in") || tokens.isWord(i - 1, "array"));
    }

    /**
     * Where a list of two or more constants starting at {@code first} ends (the index of its
     * closing token), or -1 when the list holds anything else.
     */
    private int squashedListEnd(int first) {
      int items = 0;
      int i = first;
      while (i < count && constant[i]) {
        items++;
        i = skipConstant(i);
        if (tokens.isType(i, Tokens.COMMA)) {
          i++;
        } else if (items > 1 && (tokens.isType(i, Tokens.RPAREN) || isOperator(tokens, i, ']'))) {
          return i;
        } else {
          return -1;
        }
      }
      return -1;
    }

    /**
     * Writes one placeholder for tokens {@code from} to {@code to} (exclusive); returns {@code to}.
     */
    private int placeholder(int from, int to, String canonical) {
      if (text != null) {
        separate(from);
        text.append('$').append(++placeholders);
        if (canonical.length() > 1) {
          text.append(LIST_MARK);
        }
      }
      hash(canonical, 0, canonical.length(), false);
      previousEnd = tokens.end(to - 1);
      return to;
    }

    private void token(int i) {
      if (text != null) {
        separate(i);
        text.append(tokens.sql(), tokens.start(i), tokens.end(i));
      }
      hash(tokens.sql(), tokens.start(i), tokens.end(i), tokens.isType(i, Tokens.WORD));
      previousEnd = tokens.end(i);
    }

    /** One space where the original has white space or a comment before token {@code i}. */
    private void separate(int i) {
      if (previousEnd >= 0 && tokens.start(i) > previousEnd) {
        text.append(' ');
      }
    }

    /**
     * FNV-1a over the UTF-16 units of {@code source} from {@code start} to {@code end}, ended by a
     * space; an unquoted word's ASCII letters in lower case, as PostgreSQL folds identifiers in
     * UTF-8 (other letters keep their case there too).
     */
    private void hash(String source, int start, int end, boolean unquotedWord) {
      for (int k = start; k < end; k++) {
        char c = source.charAt(k);
        mix(unquotedWord && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
      mix(' ');
    }

    private void mix(char c) {
      hash ^= c & 0xff;
      hash *= FNV_PRIME;
      hash ^= c >>> 8;
      hash *= FNV_PRIME;
    }
  }
}
