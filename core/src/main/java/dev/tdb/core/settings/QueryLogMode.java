/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which statements of a workspace's databases the proxy logs one by one (setting {@code
 * query_log}).
 */
public enum QueryLogMode {
  /** None: statement statistics only (the default). */
  OFF,
  /** Every statement. */
  ALL,
  /** Statements that took at least {@code query_log_min_duration_ms}, and every error. */
  SLOW;

  /** The word of the setting's value. */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code key} (as {@link Setting#QUERY_LOG} parsed it). */
  public static QueryLogMode of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(QueryLogMode::key).toList();
  }
}
