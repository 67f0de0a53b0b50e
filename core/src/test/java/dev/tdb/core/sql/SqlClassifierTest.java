/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tdb.core.sql.SqlClassifier.CacheOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The classifier's cache, and the facts it records beside each statement's kind. */
final class SqlClassifierTest {

  /** Lets Caffeine finish the evictions it runs on the common pool. */
  private static void awaitCacheMaintenance() {
    ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS);
  }

  @Nested
  final class Cache {
    @Test
    void cachesATextFromItsSecondSightingOn() {
      SqlClassifier classifier = SqlClassifier.create();
      String sql = "SELECT * FROM users WHERE id = $1";

      Classification first = classifier.classify(sql);
      Classification second = classifier.classify(sql);

      assertThat(second).isNotSameAs(first).isEqualTo(first);
      assertThat(classifier.classify(sql)).isSameAs(second);
    }

    @Test
    void keepsOneOffTextsOutOfTheCache() {
      SqlClassifier classifier = SqlClassifier.create();
      List<Classification> first = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        first.add(classifier.classify("SELECT abalance FROM accounts WHERE aid = " + i));
      }

      // Each text's second sighting classifies it again: the first was not kept.
      for (int i = 0; i < 100; i++) {
        assertThat(classifier.classify("SELECT abalance FROM accounts WHERE aid = " + i))
            .isNotSameAs(first.get(i));
      }
    }

    @Test
    void classifiesUncachedTextAfreshEachTimeWithTheSameResult() {
      Classification first = SqlClassifier.classifyUncached("SELECT 1; DROP TABLE t");
      Classification second = SqlClassifier.classifyUncached("SELECT 1; DROP TABLE t");

      assertThat(second).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void doesNotCacheTextLongerThanTheLimit() {
      SqlClassifier classifier = SqlClassifier.create(new CacheOptions(1 << 20, 10));
      String atLimit = "SELECT 123";
      String aboveLimit = "SELECT 1234";

      classifier.classify(atLimit);
      classifier.classify(aboveLimit);

      assertThat(classifier.classify(atLimit)).isSameAs(classifier.classify(atLimit));
      assertThat(classifier.classify(aboveLimit))
          .isNotSameAs(classifier.classify(aboveLimit))
          .isEqualTo(classifier.classify(aboveLimit));
    }

    @Test
    void cachesNothingWithAWeightBoundOfZero() {
      SqlClassifier classifier = SqlClassifier.create(new CacheOptions(0, 1000));
      classifier.classify("SELECT 1");

      Classification first = classifier.classify("SELECT 1");
      awaitCacheMaintenance();

      assertThat(classifier.classify("SELECT 1")).isNotSameAs(first);
    }

    @Test
    void keepsNoMoreEntriesThanItsWeightBoundHolds() {
      int entries = 500;
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < entries; i++) {
        texts.add(String.format("SELECT * FROM t WHERE id = %06d", i));
      }
      int weight = SqlClassifier.classifyUncached(texts.get(0)).estimatedWeight();
      long bound = 20L * weight;
      SqlClassifier classifier = SqlClassifier.create(new CacheOptions(bound, 1000));
      texts.forEach(classifier::classify);
      List<Classification> first = new ArrayList<>();
      for (String text : texts) {
        first.add(classifier.classify(text));
      }
      awaitCacheMaintenance();

      // A hit returns the instance of the first round, so it was cached when this round began:
      // the hits are a subset of what the cache held, whatever this round's misses evict.
      int hits = 0;
      for (int i = 0; i < entries; i++) {
        if (classifier.classify(texts.get(i)) == first.get(i)) {
          hits++;
        }
      }

      assertThat((long) hits * weight).isLessThanOrEqualTo(bound);
    }

    @Test
    void refusesNegativeBounds() {
      assertThatThrownBy(() -> new CacheOptions(-1, 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new CacheOptions(10, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsToThirtyTwoMebibytesAndSixteenKibibyteTexts() {
      assertThat(CacheOptions.DEFAULTS).isEqualTo(new CacheOptions(32L << 20, 16 << 10));
    }

    @Test
    void weighsEntriesByTextLengthAndStatementCount() {
      Classification one = SqlClassifier.classifyUncached("SELECT 1");
      Classification two = SqlClassifier.classifyUncached("SELECT 1; SELECT 2");

      assertThat(one.estimatedWeight()).isEqualTo(64 + 2 * 8 + 160);
      assertThat(two.estimatedWeight()).isEqualTo(64 + 2 * 18 + 2 * 160);
    }
  }

  @Nested
  final class Facts {
    private ClassifiedStatement single(String sql) {
      Classification classification = SqlClassifier.classifyUncached(sql);
      assertThat(classification.statements()).hasSize(1);
      return classification.first();
    }

    @Test
    void namesCommandsAsEventTriggersDo() {
      assertThat(single("create unique index i on t (a)").commandTag()).isEqualTo("CREATE INDEX");
      assertThat(single("CREATE TABLE t AS SELECT 1").commandTag()).isEqualTo("CREATE TABLE AS");
      assertThat(single("SELECT 1 INTO t").commandTag()).isEqualTo("SELECT INTO");
      assertThat(single("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r").commandTag())
          .isEqualTo("ALTER DEFAULT PRIVILEGES");
      assertThat(single("TRUNCATE t").commandTag()).isEqualTo("TRUNCATE TABLE");
      assertThat(single("DISCARD temp").commandTag()).isEqualTo("DISCARD TEMP");
    }

    @Test
    void marksTablesCreatedFromQueries() {
      assertThat(single("SELECT 1 INTO t").facts()).containsExactly(StatementFact.CREATES_TABLE);
      assertThat(single("CREATE MATERIALIZED VIEW v AS SELECT 1").facts())
          .containsExactly(StatementFact.CREATES_TABLE);
    }

    @Test
    void marksTemporaryObjects() {
      assertThat(single("CREATE TEMP TABLE t AS SELECT 1").facts())
          .containsExactlyInAnyOrder(StatementFact.CREATES_TABLE, StatementFact.TEMPORARY);
      assertThat(single("DROP VIEW IF EXISTS pg_temp.v").has(StatementFact.TEMPORARY)).isTrue();
      assertThat(single("DROP VIEW v").has(StatementFact.TEMPORARY)).isFalse();
    }

    @Test
    void marksStatementsThatCannotRunInATransactionBlock() {
      assertThat(
              single("CREATE INDEX CONCURRENTLY i ON t (a)").has(StatementFact.NON_TRANSACTIONAL))
          .isTrue();
      assertThat(single("VACUUM t").has(StatementFact.NON_TRANSACTIONAL)).isTrue();
      assertThat(single("DISCARD ALL").has(StatementFact.NON_TRANSACTIONAL)).isTrue();
      assertThat(single("COMMIT PREPARED 'x'").has(StatementFact.NON_TRANSACTIONAL)).isTrue();
      assertThat(single("CREATE INDEX i ON t (a)").has(StatementFact.NON_TRANSACTIONAL)).isFalse();
    }

    @Test
    void marksAnonymousCode() {
      assertThat(single("DO $$ BEGIN END $$").facts())
          .containsExactly(StatementFact.ANONYMOUS_CODE);
    }

    @Test
    void keepsTheStatementThatExplainAnalyzeRunsWithItsFacts() {
      ClassifiedStatement explain = single("EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1");

      assertThat(explain.kind()).isEqualTo(StatementKind.DDL);
      assertThat(explain.facts())
          .contains(
              StatementFact.EXECUTES_INNER, StatementFact.TEMPORARY, StatementFact.CREATES_TABLE);
      assertThat(explain.inner().commandTag()).isEqualTo("CREATE TABLE AS");
      assertThat(explain.inner().text("EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1"))
          .isEqualTo("CREATE TEMP TABLE t AS SELECT 1");
    }

    @Test
    void keepsTheStatementsThatPrepareDeclareAndCopyWrap() {
      assertThat(single("PREPARE p (int) AS DELETE FROM t WHERE id = $1").inner().kind())
          .isEqualTo(StatementKind.WRITE);
      assertThat(single("DECLARE c CURSOR WITH HOLD FOR SELECT 1").inner().kind())
          .isEqualTo(StatementKind.READ);
      assertThat(single("COPY (UPDATE t SET a = 1 RETURNING *) TO STDOUT").inner().kind())
          .isEqualTo(StatementKind.WRITE);
      assertThat(single("SELECT 1").inner()).isNull();
    }

    @Test
    void recordsWhereCopyReadsAndWrites() {
      assertThat(single("COPY t FROM STDIN").copyTarget()).isEqualTo(CopyTarget.CLIENT);
      assertThat(single("COPY t TO stdout").copyTarget()).isEqualTo(CopyTarget.CLIENT);
      assertThat(single("COPY t FROM '/x'").copyTarget()).isEqualTo(CopyTarget.SERVER_FILE);
      assertThat(single("COPY t TO PROGRAM 'x'").copyTarget()).isEqualTo(CopyTarget.PROGRAM);
      assertThat(single("SELECT 1").copyTarget()).isEqualTo(CopyTarget.NONE);
    }

    @Test
    void recordsSettingChangesWithTheirValues() {
      assertThat(single("SET LOCAL statement_timeout TO '5s'").settingChanges())
          .containsExactly(SettingChange.set("statement_timeout", "5s"));
      assertThat(single("SET TIME ZONE 'UTC'").settingChanges())
          .containsExactly(SettingChange.set("timezone", "UTC"));
      assertThat(single("SET search_path TO app, public").settingChanges())
          .containsExactly(SettingChange.set("search_path", "app, public"));
      assertThat(single("SET work_mem = DEFAULT").settingChanges())
          .containsExactly(SettingChange.reset("work_mem"));
      assertThat(single("RESET ALL").settingChanges()).containsExactly(SettingChange.reset("all"));
      assertThat(single("SET SESSION AUTHORIZATION bob").settingChanges())
          .containsExactly(SettingChange.set("session_authorization", "bob"));
      assertThat(single("SET \"Statement_Timeout\" = 5").settingChanges())
          .containsExactly(SettingChange.set("statement_timeout", "5"));
    }

    @Test
    void readsSetConfigArgumentsAsPostgresDoes() {
      assertThat(
              single("SELECT set_config('a', 'x', false), set_config($1, 'y', false)")
                  .settingChanges())
          .containsExactly(SettingChange.set("a", "x"), SettingChange.computed(null));
      assertThat(single("SELECT set_config(E'\\x72o\\154e', E'\\u0061b', false)").settingChanges())
          .containsExactly(SettingChange.set("role", "ab"));
      assertThat(single("SELECT set_config(U&'r\\006Fle', 'x', false)").settingChanges())
          .containsExactly(SettingChange.set("role", "x"));
      assertThat(
              single("SELECT set_config('ro'\n  -- joined\n  'le', 'x', false)").settingChanges())
          .containsExactly(SettingChange.set("role", "x"));
      assertThat(single("SELECT set_config('it''s', $$a'b$$, false)").settingChanges())
          .containsExactly(SettingChange.set("it's", "a'b"));
      assertThat(
              single("SELECT set_config('work_mem', current_setting('x'), false)").settingChanges())
          .containsExactly(SettingChange.computed("work_mem"));
    }

    @Test
    void findsAdministrationFunctionsHoweverTheyAreNamed() {
      assertThat(
              single("SELECT pg_read_file('a'), pg_catalog.\"lo_import\"('b'), U&\"dblink\"('c')")
                  .restrictedFunctions())
          .containsExactly("pg_read_file", "lo_import", "dblink");
      assertThat(single("SELECT pg_read_file FROM t").restrictedFunctions()).isEmpty();
    }

    @Test
    void findsWritesToSystemRelationsAnywhereInAStatement() {
      assertThat(
              single(
                      "WITH a AS (UPDATE pg_settings SET setting = '1' WHERE name = 'x'),"
                          + " b AS (DELETE FROM pg_catalog . \"pg_class\" RETURNING 1)"
                          + " INSERT INTO U&\"pg\\005fdescription\" SELECT 1")
                  .catalogWrites())
          .containsExactly("pg_settings", "pg_catalog.pg_class", "pg_description");
      assertThat(single("TRUNCATE ONLY t, pg_largeobject *, u").catalogWrites())
          .containsExactly("pg_largeobject");
      assertThat(single("COPY pg_settings (name) FROM STDIN").catalogWrites())
          .containsExactly("pg_settings");
      assertThat(single("COPY pg_settings TO STDOUT").catalogWrites()).isEmpty();
      assertThat(
              single(
                      "INSERT INTO pg_temp.t SELECT * FROM pg_class FOR UPDATE OF pg_class"
                          + " ON CONFLICT DO UPDATE SET pg_x = 1")
                  .catalogWrites())
          .isEmpty();
    }

    @Test
    void readsAPgSettingsUpdateAsTheSettingChangeItMakes() {
      assertThat(
              single("UPDATE pg_settings s SET setting = 'off' WHERE s.name = 'Work_Mem'")
                  .settingChanges())
          .containsExactly(SettingChange.set("work_mem", "off"));
      assertThat(
              single("UPDATE pg_settings SET setting = 5 WHERE name = 'x' RETURNING *")
                  .settingChanges())
          .containsExactly(SettingChange.set("x", "5"));
      for (String sql :
          List.of(
              "UPDATE pg_settings SET setting = 'off' WHERE name = 'a' OR name = 'b'",
              "UPDATE pg_settings SET setting = 'off'",
              "UPDATE pg_settings SET setting = lower('OFF') WHERE name = 'a'",
              "UPDATE pg_settings SET setting = 'off' WHERE name IN ('a')",
              "DELETE FROM pg_catalog.pg_settings WHERE name = 'a'",
              "INSERT INTO pg_settings VALUES ('a')")) {
        assertThat(single(sql).settingChanges())
            .as(sql)
            .containsExactly(SettingChange.computed(null));
      }
    }

    @Test
    void marksAdvisoryLocksButNotUnlocks() {
      assertThat(single("SELECT pg_catalog.\"pg_try_advisory_xact_lock\"(1)").facts())
          .contains(StatementFact.ADVISORY_LOCK);
      assertThat(single("SELECT pg_advisory_unlock(1), pg_advisory_unlock_all()").facts())
          .doesNotContain(StatementFact.ADVISORY_LOCK);
    }

    @Test
    void keepsEachStatementsTextAndRange() {
      String sql = "/* a */ SELECT 1 ; -- b\nDROP TABLE t";
      Classification classification = SqlClassifier.classifyUncached(sql);

      assertThat(classification.isMultiStatement()).isTrue();
      assertThat(classification.contains(StatementKind.DDL)).isTrue();
      assertThat(classification.contains(StatementKind.WRITE)).isFalse();
      assertThat(classification.statements())
          .extracting(s -> s.text(sql))
          .containsExactly("SELECT 1", "DROP TABLE t");
      assertThat(classification.statements())
          .extracting(ClassifiedStatement::start, ClassifiedStatement::end)
          .containsExactly(tuple(0, 18), tuple(18, sql.length()));
    }

    @Test
    void givesEmptyTextOneEmptyStatement() {
      Classification classification = SqlClassifier.classifyUncached("  -- nothing\n");

      assertThat(classification.isMultiStatement()).isFalse();
      assertThat(classification.first().kind()).isEqualTo(StatementKind.EMPTY);
      assertThat(classification.first().commandTag()).isEmpty();
    }
  }
}
