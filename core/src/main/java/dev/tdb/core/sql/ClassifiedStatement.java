/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One statement of a SQL text with its kind and the facts a policy needs.
 *
 * @param start source offset where the statement's range starts, leading comments included
 * @param end source offset where its range ends, after its {@code ;}
 * @param textStart source offset of its first token
 * @param textEnd source offset just past its last token (its {@code ;} excluded)
 * @param kind what the statement does
 * @param commandTag the command in PostgreSQL's words, as event triggers name it ({@code CREATE
 *     TABLE}, {@code SELECT INTO}, {@code INSERT}, ...)
 * @param facts further facts
 * @param settingChanges the settings the statement changes, in order
 * @param restrictedFunctions server administration and large-object functions it calls ({@code
 *     pg_read_file}, {@code lo_create}, ...)
 * @param catalogWrites the system relations it writes (INSERT, UPDATE, DELETE, MERGE, TRUNCATE or
 *     COPY FROM into a {@code pg_catalog} relation or any relation named {@code pg_...}), as
 *     written, qualified names joined with dots
 * @param copyTarget where a COPY reads or writes; {@link CopyTarget#NONE} for other statements
 * @param extensions the extensions a {@code CREATE}, {@code ALTER} or {@code DROP EXTENSION} names,
 *     as PostgreSQL folds their names; empty for other statements
 * @param inner the statement that {@code EXPLAIN}, {@code PREPARE} or {@code DECLARE} wraps, or
 *     {@code null}
 */
public record ClassifiedStatement(
    int start,
    int end,
    int textStart,
    int textEnd,
    StatementKind kind,
    String commandTag,
    Set<StatementFact> facts,
    List<SettingChange> settingChanges,
    List<String> restrictedFunctions,
    List<String> catalogWrites,
    CopyTarget copyTarget,
    List<String> extensions,
    ClassifiedStatement inner) {

  /** Validates and freezes the collections. */
  public ClassifiedStatement {
    facts =
        facts.isEmpty()
            ? Collections.emptySet()
            : Collections.unmodifiableSet(EnumSet.copyOf(facts));
    settingChanges = List.copyOf(settingChanges);
    restrictedFunctions = List.copyOf(restrictedFunctions);
    catalogWrites = List.copyOf(catalogWrites);
    extensions = List.copyOf(extensions);
  }

  /** True when the statement has {@code fact}. */
  public boolean has(StatementFact fact) {
    return facts.contains(fact);
  }

  /** The statement's text in {@code sql}, the text it was classified from. */
  public String text(String sql) {
    return sql.substring(textStart, textEnd);
  }
}
