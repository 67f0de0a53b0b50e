/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.core.stats.NormalizedStatement;
import dev.tdb.core.stats.StatementNormalizer;
import java.util.function.Supplier;

/**
 * The text of a statement as the session's records need it: its fingerprint at once (one lexer
 * pass, no allocation but the lexer's), its normalized text only when first asked for (a statement
 * new in a statistics window, or a logged one), its SQL as written cut for the log. Confined to the
 * session's event loop.
 */
final class StatementText implements Supplier<String> {
  /** Longer texts are normalized at once, so that a session never keeps one for later. */
  static final int MAX_KEPT_SOURCE = 16 * 1024;

  private final String sql;
  private final StatementKind kind;
  private final long fingerprint;
  private final int length;
  private String source;
  private String normalized;

  /** The text of {@code source}, of {@code kind}, cut to {@code length} characters. */
  StatementText(String source, StatementKind kind, int length) {
    this.sql = QueryEvent.truncate(source, length);
    this.kind = kind;
    this.length = length;
    if (source.length() > MAX_KEPT_SOURCE) {
      NormalizedStatement statement = StatementNormalizer.normalize(source);
      this.fingerprint = statement.fingerprint();
      this.normalized = QueryEvent.truncate(statement.text(), length);
    } else {
      this.fingerprint = StatementNormalizer.fingerprint(source);
      this.source = source;
    }
  }

  /** The SQL as written, cut to the length. */
  String sql() {
    return sql;
  }

  /** What the statement does. */
  StatementKind kind() {
    return kind;
  }

  /** The fingerprint of the normalized statement. */
  long fingerprint() {
    return fingerprint;
  }

  /** The normalized text, cut to the length; computed on first use. */
  @Override
  public String get() {
    if (normalized == null) {
      normalized = QueryEvent.truncate(StatementNormalizer.normalize(source).text(), length);
      source = null;
    }
    return normalized;
  }
}
