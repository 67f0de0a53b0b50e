/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import dev.tdb.core.sql.internal.Lexer;
import dev.tdb.core.sql.internal.Tokens;
import java.util.Objects;

/**
 * The tokens of SQL text as core's lexer reads it ({@code standard_conforming_strings} on): for
 * code outside core that reads the clauses of one statement (the admin service's inverse of a
 * recorded change), so that it needs no internal class of core. Immutable.
 */
public final class SqlTokens {
  /** What a token is. */
  public enum Type {
    /** An unquoted word: a keyword or an identifier. */
    WORD,
    /** A double-quoted identifier, including {@code U&"..."}. */
    QUOTED_IDENT,
    /** A quoted string constant of any form, including dollar quotes. */
    STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAM,
    /** {@code (}. */
    LPAREN,
    /** {@code )}. */
    RPAREN,
    /** {@code ;}. */
    SEMICOLON,
    /** {@code ,}. */
    COMMA,
    /** {@code .}. */
    DOT,
    /** An operator or any other punctuation. */
    OPERATOR,
    /** A quote, dollar quote or comment that is not closed before the end of the text. */
    UNTERMINATED;

    static Type of(int lexerType) {
      return switch (lexerType) {
        case Tokens.WORD -> WORD;
        case Tokens.QUOTED_IDENT -> QUOTED_IDENT;
        case Tokens.STRING -> STRING;
        case Tokens.NUMBER -> NUMBER;
        case Tokens.PARAM -> PARAM;
        case Tokens.LPAREN -> LPAREN;
        case Tokens.RPAREN -> RPAREN;
        case Tokens.SEMICOLON -> SEMICOLON;
        case Tokens.COMMA -> COMMA;
        case Tokens.DOT -> DOT;
        case Tokens.OPERATOR -> OPERATOR;
        case Tokens.UNTERMINATED -> UNTERMINATED;
        default -> throw new IllegalStateException("unknown token type " + lexerType);
      };
    }
  }

  private final Tokens tokens;

  private SqlTokens(Tokens tokens) {
    this.tokens = tokens;
  }

  /** The tokens of {@code sql}; comments and white space are not tokens. */
  public static SqlTokens of(String sql) {
    return new SqlTokens(Lexer.tokenize(Objects.requireNonNull(sql, "sql")));
  }

  /** The number of tokens. */
  public int count() {
    return tokens.count();
  }

  /**
   * The type of token {@code i}.
   *
   * @throws IndexOutOfBoundsException when there is no token {@code i}
   */
  public Type type(int i) {
    Objects.checkIndex(i, tokens.count());
    return Type.of(tokens.type(i));
  }

  /** True when token {@code i} exists and has type {@code type}. */
  public boolean is(int i, Type type) {
    return i >= 0 && i < tokens.count() && type(i) == type;
  }

  /** True when token {@code i} exists and is the unquoted word {@code lowerCaseWord}, any case. */
  public boolean isWord(int i, String lowerCaseWord) {
    return tokens.isWord(i, lowerCaseWord);
  }

  /**
   * The text of token {@code i} as written (a quoted identifier with its quotes).
   *
   * @throws IndexOutOfBoundsException when there is no token {@code i}
   */
  public String text(int i) {
    Objects.checkIndex(i, tokens.count());
    return tokens.text(i);
  }
}
