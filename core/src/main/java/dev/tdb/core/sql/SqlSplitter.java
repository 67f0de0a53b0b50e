/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import dev.tdb.core.sql.internal.Lexer;
import dev.tdb.core.sql.internal.Segment;
import dev.tdb.core.sql.internal.Splitter;
import dev.tdb.core.sql.internal.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements by PostgreSQL's lexical rules. Never throws and always terminates,
 * whatever the input; the statements' ranges cover the input exactly.
 */
public final class SqlSplitter {
  private SqlSplitter() {}

  /**
   * One statement of a SQL text.
   *
   * @param start where its range starts, leading white space and comments included
   * @param end where its range ends, after its {@code ;}
   * @param textStart where its first token starts
   * @param textEnd where its last token ends, before its {@code ;}
   * @param malformed whether a quote, comment or parenthesis is left open
   */
  public record Statement(int start, int end, int textStart, int textEnd, boolean malformed) {}

  /** Splits {@code sql}; text without any statement gives one empty statement. */
  public static List<Statement> split(String sql) {
    return split(sql, StringEscapes.STANDARD);
  }

  /** Splits {@code sql} as a session with {@code escapes} reads it. */
  public static List<Statement> split(String sql, StringEscapes escapes) {
    Tokens tokens = Lexer.tokenize(sql, escapes);
    List<Segment> segments = Splitter.split(tokens);
    List<Statement> statements = new ArrayList<>(segments.size());
    for (Segment segment : segments) {
      int textStart = segment.isEmpty() ? segment.start() : tokens.start(segment.firstToken());
      int textEnd = segment.isEmpty() ? segment.start() : tokens.end(segment.endToken() - 1);
      statements.add(
          new Statement(segment.start(), segment.end(), textStart, textEnd, segment.malformed()));
    }
    return statements;
  }
}
