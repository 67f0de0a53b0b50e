/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.CopyTarget;
import dev.tdb.core.sql.SettingChange;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Classifies one statement from its tokens: the leading keywords decide the kind, and a scan of the
 * whole statement finds DDL in disguise, data-modifying CTEs, setting changes and restricted
 * functions. Schema commands are delegated to {@link SchemaCommands}, session commands to {@link
 * SessionCommands}.
 */
public final class StatementAnalyzer {
  final Tokens tokens;
  final int from;
  final int to;
  final EnumSet<StatementFact> facts = EnumSet.noneOf(StatementFact.class);
  final List<SettingChange> settingChanges = new ArrayList<>(0);
  final List<String> restrictedFunctions = new ArrayList<>(0);
  final List<String> catalogWrites = new ArrayList<>(0);
  final List<String> extensions = new ArrayList<>(0);
  StatementKind kind = StatementKind.UNKNOWN;
  String tag = "";
  CopyTarget copyTarget = CopyTarget.NONE;
  ClassifiedStatement inner;

  private StatementAnalyzer(Tokens tokens, int from, int to) {
    this.tokens = tokens;
    this.from = from;
    this.to = to;
  }

  /** Classifies the statement that the splitter found as {@code segment}. */
  public static ClassifiedStatement classify(Tokens tokens, Segment segment) {
    if (segment.isEmpty()) {
      return new ClassifiedStatement(
          segment.start(),
          segment.end(),
          segment.start(),
          segment.start(),
          StatementKind.EMPTY,
          "",
          EnumSet.noneOf(StatementFact.class),
          List.of(),
          List.of(),
          List.of(),
          CopyTarget.NONE,
          List.of(),
          null);
    }
    StatementAnalyzer analyzer =
        new StatementAnalyzer(tokens, segment.firstToken(), segment.endToken());
    analyzer.analyze();
    FunctionScan.scan(analyzer);
    CatalogWrites.scan(analyzer);
    if (segment.malformed()) {
      analyzer.facts.add(StatementFact.MALFORMED);
    }
    return analyzer.build(
        segment.start(),
        segment.end(),
        tokens.start(segment.firstToken()),
        tokens.end(segment.endToken() - 1));
  }

  /**
   * Classifies the statement wrapped by EXPLAIN, PREPARE, DECLARE or COPY, tokens {@code [a, b)}.
   */
  ClassifiedStatement classifyInner(int a, int b) {
    StatementAnalyzer analyzer = new StatementAnalyzer(tokens, a, b);
    if (a < b) {
      analyzer.analyze();
    }
    int start = a < b ? tokens.start(a) : tokens.end(a - 1);
    int end = a < b ? tokens.end(b - 1) : start;
    return analyzer.build(start, end, start, end);
  }

  private ClassifiedStatement build(int start, int end, int textStart, int textEnd) {
    return new ClassifiedStatement(
        start,
        end,
        textStart,
        textEnd,
        kind,
        tag,
        facts,
        settingChanges,
        restrictedFunctions,
        catalogWrites,
        copyTarget,
        extensions,
        inner);
  }

  void is(StatementKind kind, String tag) {
    this.kind = kind;
    this.tag = tag;
  }

  private void analyze() {
    if (tokens.type(from) == Tokens.LPAREN) {
      parenthesized();
      return;
    }
    String word = tokens.lowerWord(from);
    switch (word) {
      case "select", "values", "table", "with" -> read();
      case "insert", "update", "delete", "merge" -> is(StatementKind.WRITE, upper(word));
      case "truncate" -> is(StatementKind.WRITE, "TRUNCATE TABLE");
      case "call" -> is(StatementKind.WRITE, "CALL");
      case "create", "alter", "drop" -> SchemaCommands.analyze(this);
      case "comment" -> is(StatementKind.DDL, "COMMENT");
      case "security" -> schemaCommandIf("label", "SECURITY LABEL");
      case "import" -> schemaCommandIf("foreign", "IMPORT FOREIGN SCHEMA");
      case "refresh" -> schemaCommandIf("materialized", "REFRESH MATERIALIZED VIEW");
      case "grant", "revoke" -> SchemaCommands.grantOrRevoke(this, upper(word));
      case "reindex" -> SchemaCommands.reindex(this);
      case "set", "reset", "show", "discard" -> SessionCommands.analyze(this, word);
      case "copy" -> copy();
      case "explain" -> explain();
      case "prepare" -> prepare();
      case "declare" -> declare();
      case "fetch", "move" -> is(StatementKind.READ, upper(word));
      case "close" -> is(StatementKind.READ, "CLOSE CURSOR");
      default -> analyzeOther(word);
    }
  }

  private void analyzeOther(String word) {
    switch (word) {
      case "begin" -> is(StatementKind.TRANSACTION, "BEGIN");
      case "start" -> is(StatementKind.TRANSACTION, "START TRANSACTION");
      case "commit" -> transactionEnd("COMMIT");
      case "end" -> is(StatementKind.TRANSACTION, "COMMIT");
      case "rollback" -> transactionEnd("ROLLBACK");
      case "abort" -> is(StatementKind.TRANSACTION, "ROLLBACK");
      case "savepoint", "release" -> is(StatementKind.TRANSACTION, upper(word));
      case "analyze", "analyse" -> is(StatementKind.UTILITY, "ANALYZE");
      case "vacuum" -> nonTransactional(StatementKind.UTILITY, "VACUUM");
      case "cluster", "listen", "notify", "unlisten", "execute" ->
          is(StatementKind.UTILITY, upper(word));
      case "lock" -> is(StatementKind.UTILITY, "LOCK TABLE");
      case "deallocate" -> is(StatementKind.UTILITY, "DEALLOCATE");
      case "do" -> {
        is(StatementKind.UTILITY, "DO");
        facts.add(StatementFact.ANONYMOUS_CODE);
      }
      case "checkpoint", "load" -> is(StatementKind.PRIVILEGED, upper(word));
      case "reassign" -> is(StatementKind.PRIVILEGED, "REASSIGN OWNED");
      default -> is(StatementKind.UNKNOWN, "");
    }
  }

  private void schemaCommandIf(String secondWord, String commandTag) {
    if (tokens.isWord(from + 1, secondWord)) {
      is(StatementKind.DDL, commandTag);
    }
  }

  private void transactionEnd(String verb) {
    if (tokens.isWord(from + 1, "prepared")) {
      nonTransactional(StatementKind.TRANSACTION, verb + " PREPARED");
    } else {
      is(StatementKind.TRANSACTION, verb);
    }
  }

  void nonTransactional(StatementKind kind, String tag) {
    is(kind, tag);
    facts.add(StatementFact.NON_TRANSACTIONAL);
  }

  /** A statement in parentheses: a query, or nothing PostgreSQL accepts. */
  private void parenthesized() {
    int first = from;
    while (first < to && tokens.type(first) == Tokens.LPAREN) {
      first++;
    }
    switch (tokens.lowerWord(first)) {
      case "select", "values", "table", "with" -> read();
      default -> is(StatementKind.UNKNOWN, "");
    }
  }

  /**
   * SELECT, VALUES, TABLE, WITH and parenthesized queries: a read unless a data-modifying statement
   * hides in a CTE, or an INTO clause turns it into {@code SELECT INTO}, which creates a table.
   *
   * <p>INSERT, UPDATE, DELETE and MERGE start a statement right after an opening parenthesis (a CTE
   * body) or after the parenthesis closing a CTE body ({@code AS (...)}, the main statement). An
   * INTO counts as {@code SELECT INTO} unless it follows such an INSERT or MERGE: after a column
   * named or labelled {@code insert} ({@code SELECT 1 AS insert INTO t}) it creates a table.
   */
  private void read() {
    is(StatementKind.READ, "SELECT");
    BitSet cteBodies = new BitSet();
    int depth = 0;
    boolean nextStartsStatement = false;
    boolean nextIntoNamesTarget = false;
    for (int i = from; i < to; i++) {
      int type = tokens.type(i);
      boolean startsStatement = nextStartsStatement;
      boolean intoNamesTarget = nextIntoNamesTarget;
      nextStartsStatement = false;
      nextIntoNamesTarget = false;
      if (type == Tokens.LPAREN) {
        cteBodies.set(depth, tokens.isWord(i - 1, "as") || tokens.isWord(i - 1, "materialized"));
        depth++;
        nextStartsStatement = true;
      } else if (type == Tokens.RPAREN) {
        depth = Math.max(0, depth - 1);
        nextStartsStatement = cteBodies.get(depth);
      } else if (type != Tokens.WORD) {
        continue;
      } else if (startsStatement && isDataModifyingKeyword(i)) {
        kind = kind == StatementKind.READ ? StatementKind.WRITE : kind;
        nextIntoNamesTarget = tokens.isWord(i, "insert") || tokens.isWord(i, "merge");
      } else if (tokens.isWord(i, "into") && !intoNamesTarget) {
        selectInto(i);
      }
    }
  }

  private boolean isDataModifyingKeyword(int i) {
    return tokens.isWord(i, "insert")
        || tokens.isWord(i, "update")
        || tokens.isWord(i, "delete")
        || tokens.isWord(i, "merge");
  }

  private void selectInto(int into) {
    is(StatementKind.DDL, "SELECT INTO");
    facts.add(StatementFact.CREATES_TABLE);
    int i = into + 1;
    if (tokens.isWord(i, "local") || tokens.isWord(i, "global")) {
      i++;
    }
    if (tokens.isWord(i, "temp") || tokens.isWord(i, "temporary")) {
      facts.add(StatementFact.TEMPORARY);
      return;
    }
    if (tokens.isWord(i, "unlogged")) {
      i++;
    }
    if (tokens.isWord(i, "table")) {
      i++;
    }
    if (isTempSchemaName(i)) {
      facts.add(StatementFact.TEMPORARY);
    }
  }

  /** True when a qualified name starting at {@code i} lives in {@code pg_temp}. */
  boolean isTempSchemaName(int i) {
    return tokens.isWord(i, "pg_temp") && tokens.isType(i + 1, Tokens.DOT);
  }

  private void explain() {
    int i = from + 1;
    boolean analyze = false;
    if (tokens.isType(i, Tokens.LPAREN)) {
      int close = matchingParen(i);
      for (int j = i + 1; j < close; j++) {
        if (tokens.isWord(j, "analyze") || tokens.isWord(j, "analyse")) {
          analyze = !isFalse(j + 1);
        }
      }
      i = close + 1;
    } else {
      while (tokens.isWord(i, "analyze")
          || tokens.isWord(i, "analyse")
          || tokens.isWord(i, "verbose")) {
        analyze |= !tokens.isWord(i, "verbose");
        i++;
      }
    }
    inner = classifyInner(Math.min(i, to), to);
    if (analyze) {
      is(inner.kind(), "EXPLAIN");
      facts.addAll(inner.facts());
      facts.add(StatementFact.EXECUTES_INNER);
    } else {
      is(StatementKind.UTILITY, "EXPLAIN");
    }
  }

  private boolean isFalse(int i) {
    return tokens.isWord(i, "false")
        || tokens.isWord(i, "off")
        || (tokens.isType(i, Tokens.NUMBER) && tokens.text(i).equals("0"));
  }

  private void prepare() {
    if (tokens.isWord(from + 1, "transaction")) {
      is(StatementKind.TRANSACTION, "PREPARE TRANSACTION");
      return;
    }
    is(StatementKind.UTILITY, "PREPARE");
    int as = findTopLevelWord(from + 1, "as");
    if (as >= 0) {
      inner = classifyInner(as + 1, to);
    }
  }

  private void declare() {
    is(StatementKind.READ, "DECLARE CURSOR");
    int cursor = findTopLevelWord(from + 1, "cursor");
    int query = cursor < 0 ? -1 : findTopLevelWord(cursor + 1, "for");
    int with = cursor < 0 ? -1 : findTopLevelWord(cursor + 1, "with");
    if (with >= 0 && (query < 0 || with < query) && tokens.isWord(with + 1, "hold")) {
      facts.add(StatementFact.HOLD_CURSOR);
    }
    if (query >= 0) {
      inner = classifyInner(query + 1, to);
    }
  }

  private void copy() {
    is(StatementKind.COPY, "COPY");
    int i = from + 1;
    if (tokens.isType(i, Tokens.LPAREN)) {
      int close = matchingParen(i);
      inner = classifyInner(i + 1, close);
      i = close + 1;
    }
    int direction = -1;
    for (int j = i; j < to && direction < 0; j++) {
      if (tokens.isWord(j, "from") || tokens.isWord(j, "to")) {
        direction = j;
      }
    }
    int target = direction + 1;
    if (direction >= 0 && (tokens.isWord(target, "stdin") || tokens.isWord(target, "stdout"))) {
      copyTarget = CopyTarget.CLIENT;
    } else if (direction >= 0 && tokens.isWord(target, "program")) {
      copyTarget = CopyTarget.PROGRAM;
    } else {
      copyTarget = CopyTarget.SERVER_FILE;
    }
  }

  /** Index of the first word {@code word} at parenthesis depth 0 from {@code start}, or -1. */
  int findTopLevelWord(int start, String word) {
    int depth = 0;
    for (int i = start; i < to; i++) {
      int type = tokens.type(i);
      if (type == Tokens.LPAREN) {
        depth++;
      } else if (type == Tokens.RPAREN) {
        depth--;
      } else if (depth == 0 && tokens.isWord(i, word)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the parenthesis closing the one at {@code open}, or the statement's end. */
  int matchingParen(int open) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      if (tokens.type(i) == Tokens.LPAREN) {
        depth++;
      } else if (tokens.type(i) == Tokens.RPAREN && --depth == 0) {
        return i;
      }
    }
    return to;
  }

  static String upper(String word) {
    return word.toUpperCase(Locale.ROOT);
  }
}
