/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.sql.SqlSplitter.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The lexical rules of docs/sql-policy.md, each with exact offsets. */
final class SqlSplitterTest {

  private static Statement ok(int start, int end, int textStart, int textEnd) {
    return new Statement(start, end, textStart, textEnd, false);
  }

  private static Statement malformed(int start, int end, int textStart, int textEnd) {
    return new Statement(start, end, textStart, textEnd, true);
  }

  @Nested
  final class Semicolons {
    @Test
    void endsStatementsAtSemicolons() {
      assertThat(SqlSplitter.split("SELECT 1; SELECT 2"))
          .containsExactly(ok(0, 9, 0, 8), ok(9, 18, 10, 18));
    }

    @Test
    void foldsEmptyStatementsBetweenSemicolonsIntoThePreviousOne() {
      assertThat(SqlSplitter.split("SELECT 1;;; SELECT 2"))
          .containsExactly(ok(0, 11, 0, 8), ok(11, 20, 12, 20));
    }

    @Test
    void foldsLeadingSemicolonsIntoTheFirstStatement() {
      assertThat(SqlSplitter.split("; SELECT 1")).containsExactly(ok(0, 10, 2, 10));
    }

    @Test
    void foldsTrailingCommentIntoTheLastStatement() {
      assertThat(SqlSplitter.split("SELECT 1; -- end")).containsExactly(ok(0, 16, 0, 8));
    }

    @Test
    void keepsSemicolonsInsideParentheses() {
      assertThat(SqlSplitter.split("SELECT (1; 2); SELECT 3"))
          .containsExactly(ok(0, 14, 0, 13), ok(14, 23, 15, 23));
    }
  }

  @Nested
  final class StandardStrings {
    @Test
    void keepsSemicolonInsideString() {
      assertThat(SqlSplitter.split("SELECT 'a;b'; SELECT 2"))
          .containsExactly(ok(0, 13, 0, 12), ok(13, 22, 14, 22));
    }

    @Test
    void readsDoubledQuoteAsQuote() {
      assertThat(SqlSplitter.split("SELECT 'it''s;'; SELECT 2"))
          .containsExactly(ok(0, 16, 0, 15), ok(16, 25, 17, 25));
    }

    @Test
    void readsBackslashAsOrdinaryCharacter() {
      assertThat(SqlSplitter.split("SELECT '\\'; SELECT 2"))
          .containsExactly(ok(0, 11, 0, 10), ok(11, 20, 12, 20));
    }

    @Test
    void readsBitHexNationalAndUnicodeStringsLikeStandardStrings() {
      assertThat(SqlSplitter.split("SELECT B'1', X'f;', N'\\', U&'\\;'; SELECT 2"))
          .containsExactly(ok(0, 33, 0, 32), ok(33, 42, 34, 42));
    }

    @Test
    void continuesStringAfterWhiteSpaceWithNewlineInTheSameEscapeMode() {
      assertThat(SqlSplitter.split("SELECT E'a'\n'\\'; x'; SELECT 2"))
          .containsExactly(ok(0, 20, 0, 19), ok(20, 29, 21, 29));
    }

    @Test
    void continuesStringAfterLineCommentBeforeTheNewline() {
      assertThat(SqlSplitter.split("SELECT E'a' -- c\n'\\'; x'; SELECT 2"))
          .containsExactly(ok(0, 25, 0, 24), ok(25, 34, 26, 34));
    }

    @Test
    void doesNotContinueStringAcrossBlockComment() {
      assertThat(SqlSplitter.split("SELECT E'a' /* c */\n'\\'; SELECT 2"))
          .containsExactly(ok(0, 24, 0, 23), ok(24, 33, 25, 33));
    }

    @Test
    void doesNotContinueStringOnTheSameLine() {
      assertThat(SqlSplitter.split("SELECT E'a' '\\'; SELECT 2"))
          .containsExactly(ok(0, 16, 0, 15), ok(16, 25, 17, 25));
    }
  }

  @Nested
  final class EscapeStrings {
    @Test
    void escapesQuoteWithBackslash() {
      assertThat(SqlSplitter.split("SELECT E'\\';'; SELECT 2"))
          .containsExactly(ok(0, 14, 0, 13), ok(14, 23, 15, 23));
    }

    @Test
    void readsDoubledQuoteAsQuote() {
      assertThat(SqlSplitter.split("SELECT E'a'';'; SELECT 2"))
          .containsExactly(ok(0, 15, 0, 14), ok(15, 24, 16, 24));
    }

    @Test
    void escapesBackslashWithBackslash() {
      assertThat(SqlSplitter.split("SELECT e'\\\\'; SELECT 2"))
          .containsExactly(ok(0, 13, 0, 12), ok(13, 22, 14, 22));
    }
  }

  @Nested
  final class QuotedIdentifiers {
    @Test
    void keepsSemicolonInsideQuotedAndUnicodeIdentifiers() {
      assertThat(SqlSplitter.split("SELECT \"a;\"\"b\", U&\"c;\" FROM t; SELECT 2"))
          .containsExactly(ok(0, 30, 0, 29), ok(30, 39, 31, 39));
    }

    @Test
    void readsBackslashInQuotedIdentifierAsOrdinaryCharacter() {
      assertThat(SqlSplitter.split("SELECT \"\\\"; SELECT 2"))
          .containsExactly(ok(0, 11, 0, 10), ok(11, 20, 12, 20));
    }
  }

  @Nested
  final class DollarQuotes {
    @Test
    void keepsSemicolonInsideDollarQuotes() {
      assertThat(SqlSplitter.split("SELECT $$a;b$$, $tag$ $$; $tag$; SELECT 2"))
          .containsExactly(ok(0, 32, 0, 31), ok(32, 41, 33, 41));
    }

    @Test
    void readsDollarDigitsAsParameter() {
      assertThat(SqlSplitter.split("SELECT $1; SELECT $2"))
          .containsExactly(ok(0, 10, 0, 9), ok(10, 20, 11, 20));
    }

    @Test
    void readsDollarInsideWordAsPartOfTheIdentifier() {
      assertThat(SqlSplitter.split("SELECT a$b$; SELECT 2"))
          .containsExactly(ok(0, 12, 0, 11), ok(12, 21, 13, 21));
    }

    @Test
    void closesDollarQuoteOnlyWithTheSameTag() {
      assertThat(SqlSplitter.split("SELECT $a$ ; $b$ ; $a$; SELECT 2"))
          .containsExactly(ok(0, 23, 0, 22), ok(23, 32, 24, 32));
    }
  }

  @Nested
  final class Comments {
    @Test
    void nestsBlockComments() {
      assertThat(SqlSplitter.split("SELECT 1 /* a /* b */ ; */; SELECT 2"))
          .containsExactly(ok(0, 27, 0, 8), ok(27, 36, 28, 36));
    }

    @Test
    void endsLineCommentAtNewline() {
      assertThat(SqlSplitter.split("SELECT 1 -- ; x\n; SELECT 2"))
          .containsExactly(ok(0, 17, 0, 8), ok(17, 26, 18, 26));
    }

    @Test
    void endsLineCommentAtCarriageReturn() {
      assertThat(SqlSplitter.split("SELECT 1 -- x\r; SELECT 2"))
          .containsExactly(ok(0, 15, 0, 8), ok(15, 24, 16, 24));
    }

    @Test
    void endsOperatorWhereCommentStarts() {
      assertThat(SqlSplitter.split("SELECT 2 */* ; */ 3; SELECT 4"))
          .containsExactly(ok(0, 20, 0, 19), ok(20, 29, 21, 29));
    }

    @Test
    void keepsLeadingCommentInTheStatementRangeButNotInItsText() {
      assertThat(SqlSplitter.split("/* ; */ DROP TABLE t")).containsExactly(ok(0, 20, 8, 20));
    }
  }

  @Nested
  final class AtomicBodies {
    @Test
    void keepsSemicolonsOfBeginAtomicBody() {
      assertThat(
              SqlSplitter.split(
                  "CREATE FUNCTION f() RETURNS int LANGUAGE sql"
                      + " BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3"))
          .containsExactly(ok(0, 82, 0, 81), ok(82, 91, 83, 91));
    }

    @Test
    void matchesCaseWithItsEndInsideTheBody() {
      assertThat(
              SqlSplitter.split(
                  "CREATE PROCEDURE p() LANGUAGE sql"
                      + " BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END; SELECT 3"))
          .containsExactly(ok(0, 85, 0, 84), ok(85, 94, 86, 94));
    }

    @Test
    void opensNoBodyInsideParentheses() {
      assertThat(SqlSplitter.split("CREATE FUNCTION f(begin atomic) RETURNS int RETURN 1; END"))
          .containsExactly(ok(0, 53, 0, 52), ok(53, 57, 54, 57));
    }

    @Test
    void opensNoBodyOutsideCreateFunctionOrProcedure() {
      assertThat(SqlSplitter.split("SELECT 1; BEGIN ATOMIC; SELECT 2"))
          .containsExactly(ok(0, 9, 0, 8), ok(9, 23, 10, 22), ok(23, 32, 24, 32));
    }

    @Test
    void marksBodyWithoutEndMalformed() {
      assertThat(SqlSplitter.split("CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; SELECT 2;"))
          .containsExactly(malformed(0, 53, 0, 53));
    }
  }

  @Nested
  final class MalformedText {
    @Test
    void runsUnterminatedStringToTheEnd() {
      assertThat(SqlSplitter.split("SELECT 1; SELECT 'abc; SELECT 2"))
          .containsExactly(ok(0, 9, 0, 8), malformed(9, 31, 10, 31));
    }

    @Test
    void runsUnterminatedEscapeStringEndingInBackslashToTheEnd() {
      assertThat(SqlSplitter.split("SELECT E'\\")).containsExactly(malformed(0, 10, 0, 10));
    }

    @Test
    void runsUnterminatedQuotedIdentifierToTheEnd() {
      assertThat(SqlSplitter.split("SELECT \"a; b")).containsExactly(malformed(0, 12, 0, 12));
    }

    @Test
    void runsUnterminatedDollarQuoteToTheEnd() {
      assertThat(SqlSplitter.split("SELECT $x$ a; $y$")).containsExactly(malformed(0, 17, 0, 17));
    }

    @Test
    void runsUnterminatedBlockCommentToTheEnd() {
      assertThat(SqlSplitter.split("SELECT 1 /* /* */ ; x"))
          .containsExactly(malformed(0, 21, 0, 21));
    }

    @Test
    void marksUnclosedParenthesisMalformed() {
      assertThat(SqlSplitter.split("SELECT (1; SELECT 2")).containsExactly(malformed(0, 19, 0, 19));
    }

    @Test
    void marksUnopenedParenthesisMalformed() {
      assertThat(SqlSplitter.split("SELECT 1); SELECT 2"))
          .containsExactly(malformed(0, 10, 0, 9), ok(10, 19, 11, 19));
    }

    @Test
    void marksStatementStartingWithUnterminatedCommentMalformed() {
      assertThat(SqlSplitter.split("SELECT 1; /* open"))
          .containsExactly(ok(0, 9, 0, 8), malformed(9, 17, 10, 17));
    }
  }

  @Nested
  final class EmptyText {
    @Test
    void givesOneEmptyStatementForEmptyText() {
      assertThat(SqlSplitter.split("")).containsExactly(ok(0, 0, 0, 0));
    }

    @Test
    void givesOneEmptyStatementForWhiteSpace() {
      assertThat(SqlSplitter.split(" \n\t\r\f\u000B")).containsExactly(ok(0, 6, 0, 0));
    }

    @Test
    void givesOneEmptyStatementForComments() {
      assertThat(SqlSplitter.split("/* a */ -- b")).containsExactly(ok(0, 12, 0, 0));
    }

    @Test
    void givesOneEmptyStatementForSemicolons() {
      assertThat(SqlSplitter.split(" ;; ")).containsExactly(ok(0, 4, 0, 0));
    }
  }
}
