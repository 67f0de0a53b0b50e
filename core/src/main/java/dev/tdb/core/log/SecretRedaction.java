/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.log;

import dev.tdb.core.sql.StringEscapes;
import dev.tdb.core.sql.internal.Lexer;
import dev.tdb.core.sql.internal.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of SQL text before it is logged: the string constant after the word {@code
 * PASSWORD} in any quoting ({@code '…'}, {@code E'…'}, {@code U&'…'}, {@code $$…$$}, also one cut
 * short), as in {@code CREATE ROLE … PASSWORD '…'}, {@code ALTER ROLE … PASSWORD} and {@code
 * OPTIONS (password '…')}; and inside every string constant, the value of a connection string's
 * {@code password=} and a URL's {@code user:password@}. The text is read both with and without
 * {@code standard_conforming_strings}, and what either reading calls a secret is taken out, so a
 * session's setting cannot hide a password from the redaction.
 */
public final class SecretRedaction {
  /** What stands in for a secret string constant. */
  public static final String REDACTED = "'[redacted]'";

  private static final Pattern IN_STRING =
      Pattern.compile("(?is)(password\\s*=\\s*)('.*|[^\\s']+)|(://[^:/@\\s']*:)([^@\\s']+)(?=@)");

  private SecretRedaction() {}

  /** {@code sql} with its secrets replaced; {@code sql} itself when it has none. */
  public static String redact(String sql) {
    if (!mayHoldSecret(sql)) {
      return sql;
    }
    List<int[]> spans = new ArrayList<>();
    for (StringEscapes escapes : StringEscapes.values()) {
      collect(Lexer.tokenize(sql, escapes), spans);
    }
    if (spans.isEmpty()) {
      return sql;
    }
    return replace(sql, spans);
  }

  private static boolean mayHoldSecret(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("password") || sql.contains("://");
  }

  /** Adds the spans of {@code tokens}' secrets: {start, end, 1} for a whole constant, 0 a value. */
  private static void collect(Tokens tokens, List<int[]> spans) {
    for (int i = 0; i < tokens.count(); i++) {
      if (!constant(tokens, i)) {
        continue;
      }
      if (i > 0 && tokens.isWord(i - 1, "password")) {
        spans.add(new int[] {tokens.start(i), tokens.end(i), 1});
        continue;
      }
      // A quoted value runs to the end of the constant, whose closing quote stays.
      int end = tokens.isType(i, Tokens.STRING) ? tokens.end(i) - 1 : tokens.end(i);
      Matcher matcher = IN_STRING.matcher(tokens.sql());
      matcher.region(tokens.start(i), end);
      while (matcher.find()) {
        int group = matcher.group(2) != null ? 2 : 4;
        spans.add(new int[] {matcher.start(group), matcher.end(group), 0});
      }
    }
  }

  private static boolean constant(Tokens tokens, int i) {
    return tokens.isType(i, Tokens.STRING) || tokens.isType(i, Tokens.UNTERMINATED);
  }

  /** {@code sql} with the union of {@code spans} replaced, a span holding a whole constant wins. */
  private static String replace(String sql, List<int[]> spans) {
    spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    int[] open = null;
    for (int[] span : spans) {
      if (open != null && span[0] < open[1]) {
        open[1] = Math.max(open[1], span[1]);
        open[2] = Math.max(open[2], span[2]);
        continue;
      }
      copied = flush(sql, out, copied, open);
      open = span.clone();
    }
    copied = flush(sql, out, copied, open);
    return out.append(sql, copied, sql.length()).toString();
  }

  private static int flush(String sql, StringBuilder out, int copied, int[] span) {
    if (span == null) {
      return copied;
    }
    out.append(sql, copied, span[0]).append(span[2] == 1 ? REDACTED : "[redacted]");
    return span[1];
  }
}
