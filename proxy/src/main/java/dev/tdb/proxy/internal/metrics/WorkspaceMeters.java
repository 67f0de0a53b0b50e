/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one workspace, registered once and then only incremented: recording a statement or
 * a read costs an array index and an increment, with no lookup and no allocation. Thread-safe.
 */
public final class WorkspaceMeters {
  /** The histogram buckets of statement durations: 1 ms to 10 s. */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private static final StatementType[] TYPES = StatementType.values();
  private static final Outcome[] OUTCOMES = Outcome.values();

  private final Counter[] statements = new Counter[TYPES.length * OUTCOMES.length];
  private final Timer[] durations = new Timer[TYPES.length];
  private final Counter bytesIn;
  private final Counter bytesOut;

  WorkspaceMeters(MeterRegistry registry, String workspace) {
    for (StatementType type : TYPES) {
      for (Outcome outcome : OUTCOMES) {
        statements[type.ordinal() * OUTCOMES.length + outcome.ordinal()] =
            Counter.builder(ProxyMetrics.STATEMENTS)
                .description("Statements by kind and outcome")
                .tags("workspace", workspace, "kind", type.tag(), "outcome", outcome.tag())
                .register(registry);
      }
      durations[type.ordinal()] =
          Timer.builder(ProxyMetrics.STATEMENT_DURATION)
              .description("Time from a statement sent to the server to its end, refusals excluded")
              .tags("workspace", workspace, "kind", type.tag())
              .serviceLevelObjectives(DURATION_BUCKETS)
              .register(registry);
    }
    bytesIn = bytes(registry, workspace, "in");
    bytesOut = bytes(registry, workspace, "out");
  }

  private static Counter bytes(MeterRegistry registry, String workspace, String direction) {
    return Counter.builder(ProxyMetrics.BYTES)
        .description("Protocol bytes relayed: in from clients, out to clients")
        .tags("workspace", workspace, "direction", direction)
        .register(registry);
  }

  /** Counts a statement that ended with {@code outcome} after {@code nanos}. */
  void ended(StatementType type, Outcome outcome, long nanos) {
    statements[type.ordinal() * OUTCOMES.length + outcome.ordinal()].increment();
    durations[type.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts a statement the policy refused. */
  void refused(StatementType type) {
    statements[type.ordinal() * OUTCOMES.length + Outcome.REFUSED.ordinal()].increment();
  }

  /** Counts {@code bytes} read from a client. */
  public void received(int bytes) {
    bytesIn.increment(bytes);
  }

  /** Counts {@code bytes} read from the server for a client. */
  public void sent(int bytes) {
    bytesOut.increment(bytes);
  }
}
