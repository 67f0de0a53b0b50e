/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.stats.NormalizedStatement;
import dev.tdb.core.stats.StatementNormalizer;
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
 * What statement statistics add per simple-protocol statement in the proxy: the fingerprint of a
 * text seen for the first time (pgbench {@code -S}'s select with a new {@code aid} each time), next
 * to the classification of that text, which the proxy already pays; and the normalized text, which
 * the proxy builds once per statement and window.
 */
@State(Scope.Thread)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class StatementFingerprintBenchmark {
  /** Distinct texts cycled through; a power of two. */
  static final int VARIANTS = 4096;

  private String[] texts;
  private int next;

  /** Builds pgbench's select with distinct {@code aid} values. */
  @Setup
  public void setUp() {
    texts = new String[VARIANTS];
    for (int i = 0; i < VARIANTS; i++) {
      texts[i] = "SELECT abalance FROM pgbench_accounts WHERE aid = " + (12_345 + i * 7) + ";";
    }
  }

  private String nextText() {
    String text = texts[next];
    next = (next + 1) & (VARIANTS - 1);
    return text;
  }

  /** The fingerprint, as the proxy computes it for every statement. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long fingerprint() {
    return StatementNormalizer.fingerprint(nextText());
  }

  /** Fingerprint and normalized text, as computed once per statement and window. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public NormalizedStatement normalize() {
    return StatementNormalizer.normalize(nextText());
  }

  /** The classification of a new text, which the proxy pays already, for scale. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Classification classify() {
    return SqlClassifier.classifyUncached(nextText());
  }
}
