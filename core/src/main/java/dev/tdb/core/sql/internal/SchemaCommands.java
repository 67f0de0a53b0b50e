/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.List;

/**
 * CREATE, ALTER, DROP, GRANT, REVOKE and REINDEX. The object type decides between {@link
 * StatementKind#DDL} (objects inside a database, the commands PostgreSQL fires event triggers for)
 * and {@link StatementKind#PRIVILEGED} (cluster-level objects and superuser territory). Extensions
 * are objects inside a database: {@code CREATE}, {@code DROP} and {@code ALTER EXTENSION ...
 * UPDATE} are DDL, which names the extensions so that the policy can decide on them; other forms of
 * {@code ALTER EXTENSION} change which objects belong to an extension, which is the extension
 * scripts' business, and are privileged.
 */
final class SchemaCommands {
  private SchemaCommands() {}

  /** An object type as it follows CREATE, ALTER or DROP. */
  private record ObjectType(String[] words, String tagName, boolean privileged) {
    static ObjectType ddl(String words) {
      return new ObjectType(words.split(" "), words.toUpperCase(java.util.Locale.ROOT), false);
    }

    static ObjectType privileged(String words) {
      return new ObjectType(words.split(" "), words.toUpperCase(java.util.Locale.ROOT), true);
    }
  }

  /** Longer names first, so that {@code OPERATOR CLASS} wins over {@code OPERATOR}. */
  private static final List<ObjectType> OBJECT_TYPES =
      List.of(
          ObjectType.privileged("access method"),
          ObjectType.ddl("aggregate"),
          ObjectType.ddl("cast"),
          ObjectType.ddl("collation"),
          ObjectType.ddl("conversion"),
          ObjectType.privileged("database"),
          ObjectType.ddl("default privileges"),
          ObjectType.ddl("domain"),
          ObjectType.privileged("event trigger"),
          ObjectType.ddl("extension"),
          ObjectType.privileged("foreign data wrapper"),
          ObjectType.ddl("foreign table"),
          ObjectType.ddl("function"),
          ObjectType.privileged("group"),
          ObjectType.ddl("index"),
          ObjectType.privileged("language"),
          ObjectType.ddl("large object"),
          ObjectType.ddl("materialized view"),
          ObjectType.ddl("operator class"),
          ObjectType.ddl("operator family"),
          ObjectType.ddl("operator"),
          ObjectType.privileged("owned"),
          ObjectType.ddl("policy"),
          ObjectType.ddl("procedure"),
          ObjectType.privileged("publication"),
          ObjectType.privileged("role"),
          ObjectType.ddl("routine"),
          ObjectType.ddl("rule"),
          ObjectType.ddl("schema"),
          ObjectType.ddl("sequence"),
          ObjectType.privileged("server"),
          ObjectType.ddl("statistics"),
          ObjectType.privileged("subscription"),
          ObjectType.ddl("table"),
          ObjectType.privileged("tablespace"),
          ObjectType.ddl("text search configuration"),
          ObjectType.ddl("text search dictionary"),
          ObjectType.privileged("text search parser"),
          ObjectType.privileged("text search template"),
          ObjectType.ddl("transform"),
          ObjectType.ddl("trigger"),
          ObjectType.ddl("type"),
          ObjectType.privileged("user mapping"),
          ObjectType.privileged("user"),
          ObjectType.ddl("view"));

  /** Modifiers between CREATE and the object type; the tag leaves them out. */
  private static final List<String> CREATE_MODIFIERS =
      List.of(
          "global",
          "local",
          "temp",
          "temporary",
          "unlogged",
          "unique",
          "recursive",
          "trusted",
          "procedural",
          "default",
          "constraint");

  static void analyze(StatementAnalyzer a) {
    Tokens tokens = a.tokens;
    String verb = tokens.lowerWord(a.from);
    int i = a.from + 1;
    if (verb.equals("create") && tokens.isWord(i, "or") && tokens.isWord(i + 1, "replace")) {
      i += 2;
    }
    while (verb.equals("create") && isCreateModifier(tokens, i)) {
      if (tokens.isWord(i, "temp") || tokens.isWord(i, "temporary")) {
        a.facts.add(StatementFact.TEMPORARY);
      }
      i++;
    }
    if (verb.equals("alter") && tokens.isWord(i, "system")) {
      a.nonTransactional(StatementKind.PRIVILEGED, "ALTER SYSTEM");
      return;
    }
    ObjectType type = match(tokens, i);
    if (type == null) {
      a.is(StatementKind.UNKNOWN, "");
      return;
    }
    a.is(
        type.privileged() ? StatementKind.PRIVILEGED : StatementKind.DDL,
        StatementAnalyzer.upper(verb) + " " + type.tagName());
    int afterType = i + type.words().length;
    refine(a, verb, type.tagName(), afterType);
    int commit = verb.equals("create") ? a.findTopLevelWord(afterType, "commit") : -1;
    if (commit > 0 && tokens.isWord(commit - 1, "on") && tokens.isWord(commit + 1, "drop")) {
      a.facts.add(StatementFact.ON_COMMIT_DROP);
    }
  }

  private static boolean isCreateModifier(Tokens tokens, int i) {
    for (String modifier : CREATE_MODIFIERS) {
      if (tokens.isWord(i, modifier)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectType match(Tokens tokens, int i) {
    for (ObjectType type : OBJECT_TYPES) {
      String[] words = type.words();
      boolean matches = true;
      for (int w = 0; w < words.length && matches; w++) {
        matches = tokens.isWord(i + w, words[w]);
      }
      if (matches) {
        return type;
      }
    }
    return null;
  }

  /** Facts that depend on the object type: CTAS, CONCURRENTLY, pg_temp names, databases. */
  private static void refine(StatementAnalyzer a, String verb, String type, int afterType) {
    Tokens tokens = a.tokens;
    if (tokens.isWord(afterType, "concurrently")) {
      a.facts.add(StatementFact.NON_TRANSACTIONAL);
    }
    switch (type) {
      case "DATABASE", "TABLESPACE" -> {
        if (!verb.equals("alter")) {
          a.facts.add(StatementFact.NON_TRANSACTIONAL);
        }
      }
      case "MATERIALIZED VIEW" -> {
        if (verb.equals("create")) {
          a.facts.add(StatementFact.CREATES_TABLE);
        }
      }
      case "TABLE" -> {
        if (verb.equals("create") && a.findTopLevelWord(afterType, "as") >= 0) {
          a.is(StatementKind.DDL, "CREATE TABLE AS");
          a.facts.add(StatementFact.CREATES_TABLE);
        }
        markTempNames(a, verb, afterType);
      }
      case "VIEW", "SEQUENCE" -> markTempNames(a, verb, afterType);
      case "EXTENSION" -> extensions(a, verb, afterType);
      default -> {}
    }
  }

  /** The names after {@code EXTENSION [IF [NOT] EXISTS]}: one, or a list for DROP. */
  private static void extensions(StatementAnalyzer a, String verb, int i) {
    Tokens tokens = a.tokens;
    if (tokens.isWord(i, "if")) {
      i += tokens.isWord(i + 1, "not") ? 3 : 2;
    }
    for (String name = Literals.identifier(tokens, i);
        name != null;
        name = Literals.identifier(tokens, i)) {
      a.extensions.add(name);
      i = Literals.identifierEnd(tokens, i);
      if (!verb.equals("drop") || !tokens.isType(i, Tokens.COMMA)) {
        break;
      }
      i++;
    }
    if (verb.equals("alter") && !tokens.isWord(i, "update")) {
      a.is(StatementKind.PRIVILEGED, "ALTER EXTENSION");
    }
  }

  /**
   * CREATE of a {@code pg_temp.} name creates a temporary object; DROP is temporary only when every
   * name it drops is in {@code pg_temp}.
   */
  private static void markTempNames(StatementAnalyzer a, String verb, int i) {
    Tokens tokens = a.tokens;
    if (tokens.isWord(i, "if")) {
      i += tokens.isWord(i + 1, "not") ? 3 : 2;
    }
    if (verb.equals("create")) {
      if (a.isTempSchemaName(i)) {
        a.facts.add(StatementFact.TEMPORARY);
      }
      return;
    }
    if (!verb.equals("drop")) {
      return;
    }
    boolean allTemp = true;
    int item = i;
    while (item < a.to && allTemp) {
      allTemp = a.isTempSchemaName(item);
      int next = item;
      while (next < a.to && tokens.type(next) != Tokens.COMMA) {
        next++;
      }
      item = next + 1;
    }
    if (allTemp) {
      a.facts.add(StatementFact.TEMPORARY);
    }
  }

  /**
   * GRANT and REVOKE on objects inside a database are DDL; on role membership, databases,
   * tablespaces, languages, foreign servers and parameters they are privileged.
   */
  static void grantOrRevoke(StatementAnalyzer a, String tag) {
    int on = a.findTopLevelWord(a.from + 1, "on");
    Tokens tokens = a.tokens;
    boolean clusterLevel =
        on < 0
            || tokens.isWord(on + 1, "database")
            || tokens.isWord(on + 1, "tablespace")
            || tokens.isWord(on + 1, "language")
            || tokens.isWord(on + 1, "foreign")
            || tokens.isWord(on + 1, "parameter");
    a.is(clusterLevel ? StatementKind.PRIVILEGED : StatementKind.DDL, tag);
  }

  static void reindex(StatementAnalyzer a) {
    a.is(StatementKind.DDL, "REINDEX");
    Tokens tokens = a.tokens;
    for (int i = a.from + 1; i < a.to; i++) {
      if (tokens.isWord(i, "concurrently")
          || tokens.isWord(i, "database")
          || tokens.isWord(i, "system")) {
        a.facts.add(StatementFact.NON_TRANSACTIONAL);
      }
    }
  }
}
