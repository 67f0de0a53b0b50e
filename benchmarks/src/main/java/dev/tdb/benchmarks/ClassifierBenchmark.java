/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementKind;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of classifying one typical ORM statement, with and without the classifier's cache, and of
 * the policy decision that follows. Targets are per core (miss at most 2 µs/op, hit at least 10 M
 * ops/s), hence one thread; each thread gets its own classifier.
 */
@State(Scope.Thread)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class ClassifierBenchmark {
  /**
   * A Hibernate 6 style lookup, 199 characters ({@link #setUp} fails the run if it leaves
   * 190..210).
   */
  static final String ORM_SELECT =
      "select u1_0.id,u1_0.email,u1_0.display_name,u1_0.role,u1_0.created_at from users u1_0"
          + " where u1_0.tenant_id=? and u1_0.email=? and u1_0.deleted_at is null"
          + " order by u1_0.created_at desc,u1_0.id limit ?";

  /** {@link #ORM_SELECT} up to its inlined tenant id, for {@link #classifyNewText}. */
  static final String NEW_TEXT_PREFIX = ORM_SELECT.substring(0, ORM_SELECT.indexOf("?"));

  /** {@link #ORM_SELECT} after its inlined tenant id. */
  static final String NEW_TEXT_SUFFIX = ORM_SELECT.substring(ORM_SELECT.indexOf("?") + 1);

  /** Distinct texts cycled through by {@link #classifyMissThroughCache}; a power of two. */
  static final int VARIANTS = 4096;

  /**
   * Cache bound for {@link #classifyMissThroughCache}: room for 52 of the 4096 texts (each weighs
   * 628 bytes by {@link Classification#estimatedWeight}). A text cycled back to after 4095 others
   * can only hit if it was among those 52, so at most 1.3% of lookups hit.
   */
  static final long SMALL_CACHE_BYTES = 32 << 10;

  private String sql;
  private byte[] sqlBytes;
  private SqlClassifier classifier;
  private Policy policy;
  private SqlClassifier smallCacheClassifier;
  private String[] variants;
  private int nextVariant;
  private long nextLiteral;

  /** Builds the inputs and checks that every benchmark measures what its name says. */
  @Setup
  public void setUp() {
    sql = ORM_SELECT;
    requireTypicalLength(sql);
    sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
    classifier = SqlClassifier.create();
    policy = Policy.of(ConnectionMode.TENANT, "myapp_workspace", WorkspaceSettings.defaults());
    requireAllowedRead(classifier.classify(sql));

    smallCacheClassifier =
        SqlClassifier.create(
            new SqlClassifier.CacheOptions(
                SMALL_CACHE_BYTES, SqlClassifier.CacheOptions.DEFAULTS.maxCachedSqlLength()));
    variants = new String[VARIANTS];
    for (int i = 0; i < VARIANTS; i++) {
      // An inlined tenant id, as hand-written SQL has it: the one thing that makes texts differ.
      variants[i] = sql.replace("u1_0.tenant_id=?", "u1_0.tenant_id=" + (1000 + i));
      requireTypicalLength(variants[i]);
      Classification classification = SqlClassifier.classifyUncached(variants[i]);
      requireAllowedRead(classification);
      requireMostlyMisses(classification.estimatedWeight());
    }
  }

  private static void requireMostlyMisses(int entryWeight) {
    long room = SMALL_CACHE_BYTES / entryWeight;
    if (room * 50 > VARIANTS) {
      throw new IllegalStateException(
          "the small cache holds " + room + " of " + VARIANTS + " texts, over 2% could hit");
    }
  }

  private static void requireTypicalLength(String text) {
    if (text.length() < 190 || text.length() > 210) {
      throw new IllegalStateException(
          "benchmark SQL must be about 200 characters, is " + text.length() + ": " + text);
    }
  }

  private void requireAllowedRead(Classification classification) {
    if (classification.isMultiStatement()
        || classification.first().kind() != StatementKind.READ
        || !policy.decide(classification).allowed()) {
      throw new IllegalStateException("benchmark SQL must be one allowed READ: " + classification);
    }
  }

  /** A cache miss at its core: lexing, splitting and classifying, no cache involved. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Classification classifyMiss() {
    return SqlClassifier.classifyUncached(sql);
  }

  /**
   * A cache miss as callers meet it: lookup, classification, insertion and eviction in a full
   * bounded cache, over 4096 texts that differ in one literal. Warms up longer: the cache's
   * eviction and its maintenance on the common pool take several seconds to settle.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 10, time = 1)
  public Classification classifyMissThroughCache() {
    String text = variants[nextVariant];
    nextVariant = (nextVariant + 1) & (VARIANTS - 1);
    return smallCacheClassifier.classify(text);
  }

  /**
   * A text never seen before, on a classifier with the default cache, as every Query of a client
   * that inlines its literals arrives (pgbench {@code -M simple}): building the text, the lookup
   * and the classification; warms up longer for the same reason as {@link
   * #classifyMissThroughCache}.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 10, time = 1)
  public Classification classifyNewText() {
    return classifier.classify(NEW_TEXT_PREFIX + nextLiteral++ + NEW_TEXT_SUFFIX);
  }

  /** A cache hit with the very string instance seen before, as an ORM's cached SQL arrives. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Classification classifyHit() {
    return classifier.classify(sql);
  }

  /**
   * A cache hit with a freshly decoded, equal string, as the proxy gets it from a Query message:
   * decoding, hashing and comparing the text are part of the cost.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Classification classifyHitDecodedText() {
    return classifier.classify(new String(sqlBytes, StandardCharsets.UTF_8));
  }

  /** A cache hit followed by the tenant policy's decision, the whole per-statement check. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Decision classifyAndDecideHit() {
    return policy.decide(classifier.classify(sql));
  }
}
