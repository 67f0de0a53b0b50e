/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import dev.tdb.core.sql.SettingChange;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling on {@code statement_timeout} for tenants: lower values are fine, 0 (no timeout) and
 * higher values are not. RESET and DEFAULT return to the role's server-side value, which is the
 * ceiling, so they are fine too.
 */
final class TimeoutRule {
  private static final Pattern DURATION =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?)\\s*(us|ms|s|min|h|d)?\\s*");

  private final long ceilingMs;

  TimeoutRule(long ceilingMs) {
    this.ceilingMs = ceilingMs;
  }

  boolean allows(SettingChange change) {
    if (ceilingMs == 0 || change.action() == SettingChange.Action.RESET) {
      return true;
    }
    if (change.action() == SettingChange.Action.SET_COMPUTED) {
      return false;
    }
    double ms = millis(change.value());
    return ms > 0 && ms <= ceilingMs;
  }

  String message() {
    return "statement_timeout cannot exceed the workspace limit of " + ceilingMs + " ms";
  }

  String hint(String workspace) {
    return "lower values are allowed; raise query_timeout_ms in the settings of " + workspace;
  }

  /** The duration in milliseconds as PostgreSQL reads it (no unit means ms), or NaN. */
  static double millis(String value) {
    Matcher m = DURATION.matcher(value == null ? "" : value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Double.NaN;
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "us" -> amount / 1000;
      case "s" -> amount * 1000;
      case "min" -> amount * 60_000;
      case "h" -> amount * 3_600_000;
      case "d" -> amount * 86_400_000;
      default -> amount;
    };
  }
}
