/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import java.util.List;
import java.util.Random;

/**
 * Random SQL texts for {@link StatementBoundaryFuzzIT}: SELECTs of literals in every quoting form
 * PostgreSQL has, with comments, aliases and semicolons between and inside them, then mutated by
 * inserting lexically loaded fragments and deleting characters. Markers ({@link #MULTIBYTE}, {@link
 * #MULTIBYTE_TAG}) stand for non-ASCII characters that each session's encoding fills in ({@link
 * #withMultibyte}).
 */
final class FuzzText {
  /** Stands for a non-ASCII character of the session's encoding, a different one each time. */
  static final char MULTIBYTE = '\u0001';

  /** Stands for the same non-ASCII character every time, for dollar-quote tags that must match. */
  static final char MULTIBYTE_TAG = '\u0002';

  private static final String M = String.valueOf(MULTIBYTE);

  private static final String T = String.valueOf(MULTIBYTE_TAG);

  /** Literals: each is one value in both modes, or reads differently with backslash escapes. */
  private static final List<String> LITERALS =
      List.of(
          "'abc'",
          "'it''s'",
          "'a;b'",
          "'--x'",
          "'/*'",
          "'*/'",
          "'$$'",
          "'\\'",
          "'a\\\\b'",
          "'\\n;'",
          "'" + M + "'",
          "'" + M + "\\'",
          "'a'\n'b'",
          "'a' -- c ;\n'b'",
          "'a' 'b'",
          "E'\\''",
          "E'a\\\\'",
          "e'x;y'",
          "E'\\x41'",
          "E'\\101'",
          "E'it''s'",
          "E'" + M + "\\\\'",
          "E'a'\n'\\''",
          "N'n;'",
          "N'\\'",
          "B'0101'",
          "X'1F'",
          "U&'d\\0061t\\+000061'",
          "U&'!0061;' UESCAPE '!'",
          "$$a;b$$",
          "$$'$$",
          "$t$ ' ; $t$",
          "$a$ $$ $a$",
          "$x$--$x$",
          "$_1$/*$_1$",
          "$" + T + "$;$" + T + "$",
          "1",
          "2.5",
          "1e3",
          "0x1F",
          "1_000",
          "'x'::text",
          "(SELECT 'a;')",
          "(1)",
          "length(';')",
          "7 +-- c\n 2",
          "8 */*c*/ 2",
          "9-/**/-1",
          "0b101",
          "0o17",
          "1_000.5",
          ".5",
          "u&'\\0041'",
          "b'1'",
          "x'f'",
          "n'" + M + "'",
          "'a' /* c */\n'b'",
          "'a'\r\n-- c\n'b'",
          "E'\\\\'\n'\\'");

  private static final List<String> ALIASES =
      List.of(
          " AS \"a;b\"",
          " AS \"x\"\"y\"",
          " AS U&\"\\0061\"",
          " AS c1",
          " AS \"--\"",
          " AS \"/*\"",
          " AS " + M,
          " \"" + M + "\"",
          " a$b",
          " U&\"!0061\" UESCAPE '!'",
          " \"" + T + "$\"");

  private static final List<String> GAPS =
      List.of(
          " ",
          "\n",
          "/* c */",
          "/* /* nested; */ ' */",
          "-- line ; '\n",
          "--\n",
          "\t/**/",
          "-- c\r",
          "\u000B\f",
          "/*" + M + "*/");

  private static final List<String> SEPARATORS =
      List.of(";", "; ", ";\n", ";;", " ; /* ; */ ", ";-- x\n", "\n;\n");

  /** Fragments that open, close or escape something, inserted by mutations. */
  private static final List<String> MUTAGENS =
      List.of(
          "'", "\"", "\\", ";", "$$", "$a$", "/*", "*/", "--", "\n", "E'", "''", "\\'", "$", M,
          "U&'", ",");

  private final Random random;
  private int statement;

  FuzzText(Random random) {
    this.random = random;
  }

  /** The next text, with {@link #MULTIBYTE} markers. */
  String next() {
    StringBuilder text = new StringBuilder();
    if (random.nextInt(4) == 0) {
      text.append(pick(GAPS));
    }
    int statements = 1 + random.nextInt(4);
    for (int s = 0; s < statements; s++) {
      if (s > 0) {
        text.append(pick(SEPARATORS));
      }
      appendStatement(text);
    }
    if (random.nextBoolean()) {
      text.append(pick(SEPARATORS));
    }
    int mutations = random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      mutate(text);
    }
    return text.toString();
  }

  private void appendStatement(StringBuilder text) {
    text.append(random.nextInt(8) == 0 ? "select" : "SELECT")
        .append(pick(GAPS))
        .append(++statement);
    int items = 1 + random.nextInt(3);
    for (int i = 0; i < items; i++) {
      text.append(',');
      if (random.nextInt(3) == 0) {
        text.append(pick(GAPS));
      }
      text.append(random.nextInt(6) == 0 ? divergent() : pick(LITERALS));
      if (random.nextInt(4) == 0) {
        text.append(pick(ALIASES));
      }
    }
  }

  /**
   * A value that both readings of {@code '...\'} accept but cut differently: with standard strings
   * the backslash is a character and a dollar quote or quoted identifier follows, holding a quote;
   * with backslash escapes the string runs to that quote, and what follows it is SQL up to a {@code
   * --} comment that hides the closing delimiter.
   */
  private String divergent() {
    String middle =
        pick(
            List.of(
                " ; SELECT " + (++statement) + " ",
                " , 7 ",
                " ;; SELECT 'm;' ",
                " AS q; SELECT E'\\\\' ",
                " ; SELECT $$;$$ "));
    String string = pick(List.of("'x\\'", "'\\'", "N'\\'", "'" + M + "\\'", "'a''\\'"));
    if (random.nextBoolean()) {
      String tag = pick(List.of("$$", "$t$", "$" + T + "$"));
      return string + " , " + tag + " ' " + middle + "--" + tag + "\n";
    }
    return string + " \"a ' " + middle + "--\"\n";
  }

  private void mutate(StringBuilder text) {
    int at = random.nextInt(text.length() + 1);
    if (random.nextInt(3) == 0 && at < text.length()) {
      text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
    } else {
      text.insert(at, pick(MUTAGENS));
    }
  }

  private String pick(List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** {@code template} with each marker replaced by the next of {@code characters}, in turn. */
  static String withMultibyte(String template, String[] characters) {
    StringBuilder text = new StringBuilder(template.length() + 8);
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == MULTIBYTE) {
        text.append(characters[next++ % characters.length]);
      } else if (c == MULTIBYTE_TAG) {
        text.append(characters[0]);
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
