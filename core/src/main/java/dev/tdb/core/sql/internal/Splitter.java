/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds statement boundaries: a {@code ;} outside quotes, comments, parentheses and the {@code
 * BEGIN ATOMIC ... END} body of a SQL-standard routine. Empty segments between semicolons are
 * folded into their neighbours, so the segments' ranges cover the text exactly.
 */
public final class Splitter {
  private final Tokens tokens;
  private final List<Segment> segments = new ArrayList<>(2);
  private int segmentStart;
  private int firstToken = -1;
  private int parenDepth;
  private int atomicDepth;
  private boolean malformed;
  private boolean routine;

  private Splitter(Tokens tokens) {
    this.tokens = tokens;
  }

  /** Splits tokenized SQL into segments; never returns an empty list. */
  public static List<Segment> split(Tokens tokens) {
    Splitter splitter = new Splitter(tokens);
    splitter.run();
    return splitter.segments;
  }

  private void run() {
    int count = tokens.count();
    for (int i = 0; i < count; i++) {
      if (tokens.type(i) == Tokens.SEMICOLON && parenDepth == 0 && atomicDepth == 0) {
        endSegment(i, tokens.end(i));
      } else {
        track(i);
      }
    }
    int length = tokens.sql().length();
    if (firstToken >= 0) {
      endSegment(count, length);
    } else if (!segments.isEmpty()) {
      Segment last = segments.remove(segments.size() - 1);
      segments.add(
          new Segment(last.start(), length, last.firstToken(), last.endToken(), last.malformed()));
    } else {
      segments.add(new Segment(0, length, count, count, false));
    }
  }

  private void track(int i) {
    if (firstToken < 0) {
      firstToken = i;
      routine = startsRoutine(i);
    }
    switch (tokens.type(i)) {
      case Tokens.LPAREN -> parenDepth++;
      case Tokens.RPAREN -> {
        if (parenDepth == 0) {
          malformed = true;
        } else {
          parenDepth--;
        }
      }
      case Tokens.UNTERMINATED -> malformed = true;
      case Tokens.WORD -> trackAtomicBody(i);
      default -> {}
    }
  }

  /**
   * Tracks {@code BEGIN ATOMIC ... END} as psql does: only outside parentheses, so that a parameter
   * named {@code begin} of a type named {@code atomic} opens no body.
   */
  private void trackAtomicBody(int i) {
    if (!routine || parenDepth != 0) {
      return;
    }
    if (tokens.isWord(i, "begin") && tokens.isWord(i + 1, "atomic")) {
      atomicDepth++;
    } else if (atomicDepth > 0 && tokens.isWord(i, "case")) {
      atomicDepth++;
    } else if (atomicDepth > 0 && tokens.isWord(i, "end")) {
      atomicDepth--;
    }
  }

  /** True for {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, whose body may hold semicolons. */
  private boolean startsRoutine(int i) {
    if (!tokens.isWord(i, "create")) {
      return false;
    }
    int j = tokens.isWord(i + 1, "or") && tokens.isWord(i + 2, "replace") ? i + 3 : i + 1;
    return tokens.isWord(j, "function") || tokens.isWord(j, "procedure");
  }

  private void endSegment(int endToken, int end) {
    if (firstToken < 0) {
      if (!segments.isEmpty()) {
        Segment last = segments.remove(segments.size() - 1);
        segments.add(
            new Segment(last.start(), end, last.firstToken(), last.endToken(), last.malformed()));
        segmentStart = end;
      }
      return;
    }
    boolean open = parenDepth != 0 || atomicDepth != 0;
    segments.add(new Segment(segmentStart, end, firstToken, endToken, malformed || open));
    segmentStart = end;
    firstToken = -1;
    parenDepth = 0;
    atomicDepth = 0;
    malformed = false;
    routine = false;
  }
}
