/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

/**
 * One statement as the splitter found it.
 *
 * @param start source offset where its range starts (ranges of consecutive segments touch)
 * @param end source offset where its range ends, after its {@code ;}
 * @param firstToken index of its first token
 * @param endToken index just past its last token, not counting the {@code ;}
 * @param malformed whether a quote, comment or parenthesis is left open
 */
public record Segment(int start, int end, int firstToken, int endToken, boolean malformed) {

  /** True when the segment holds no token: nothing but white space and comments. */
  public boolean isEmpty() {
    return firstToken == endToken;
  }
}
