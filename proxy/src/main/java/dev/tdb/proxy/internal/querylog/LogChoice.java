/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.core.settings.QueryLogMode;
import dev.tdb.core.settings.WorkspaceSettings;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Which statements of a session go to the per-statement log, as its workspace's settings say
 * ({@code query_log}, {@code query_log_sample_percent}, {@code query_log_min_duration_ms}, {@code
 * query_log_literals}), read when the session starts.
 *
 * @param mode which statements
 * @param samplePercent the share of them logged
 * @param minDurationNanos the threshold of {@link QueryLogMode#SLOW}
 * @param literals whether the log keeps constants (else it keeps the normalized text)
 */
record LogChoice(QueryLogMode mode, long samplePercent, long minDurationNanos, boolean literals) {
  /** The choice of {@code settings}. */
  static LogChoice of(WorkspaceSettings settings) {
    return new LogChoice(
        settings.queryLog(),
        settings.queryLogSamplePercent(),
        TimeUnit.MILLISECONDS.toNanos(settings.queryLogMinDurationMs()),
        settings.queryLogLiterals());
  }

  /** Whether any statement may be logged. */
  boolean logsAny() {
    return mode != QueryLogMode.OFF && samplePercent > 0;
  }

  /** Whether a statement that took {@code nanos} and ended with {@code sqlState} is logged. */
  boolean logs(long nanos, String sqlState) {
    boolean selected =
        switch (mode) {
          case OFF -> false;
          case ALL -> true;
          case SLOW -> sqlState != null || nanos >= minDurationNanos;
        };
    return selected
        && (samplePercent >= 100 || ThreadLocalRandom.current().nextLong(100) < samplePercent);
  }
}
