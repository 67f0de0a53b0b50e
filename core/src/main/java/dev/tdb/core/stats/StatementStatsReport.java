/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.stats;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a proxy sends to the admin service's {@code POST /v1/proxy/statement-stats} once per flush:
 * its statement statistics of one window, per logical database and statement fingerprint. The admin
 * service adds them to the time bucket the window started in.
 *
 * @param windowStart when the window started (ISO-8601 UTC)
 * @param windowEnd when it ended (ISO-8601 UTC)
 * @param statements the statistics, one per database and fingerprint
 */
public record StatementStatsReport(
    String windowStart, String windowEnd, List<StatementStats> statements) {
  /** The fingerprint of the bucket that holds the statements past a database's limit. */
  public static final long OTHER_FINGERPRINT = 0L;

  /** The text of the bucket that holds the statements past a database's limit. */
  public static final String OTHER_QUERY =
      "(other statements: past the proxy's limit of distinct statements per database)";

  /** Checks the fields. */
  public StatementStatsReport {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
  }

  /**
   * The statistics of one statement of one logical database over a window.
   *
   * @param database the logical database ({@code myapp__acme})
   * @param fingerprint the statement's fingerprint ({@link NormalizedStatement#fingerprint()}), or
   *     {@link #OTHER_FINGERPRINT}
   * @param query the normalized text, cut to the proxy's configured length
   * @param calls statements run (an error counts as a call)
   * @param rows rows returned or changed
   * @param totalMs the sum of their durations in milliseconds
   * @param maxMs the longest duration in milliseconds
   * @param errors calls that ended with an error or a refusal, by SQLSTATE
   */
  public record StatementStats(
      String database,
      long fingerprint,
      String query,
      long calls,
      long rows,
      double totalMs,
      double maxMs,
      Map<String, Long> errors) {
    /** Checks the fields. */
    public StatementStats {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(query, "query");
      errors = Map.copyOf(errors == null ? Map.of() : errors);
    }
  }
}
