/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import dev.tdb.core.sql.SettingChange;
import java.util.List;
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

  /** PostgreSQL's time units, largest first, and their length in milliseconds. */
  private static final List<String> UNITS = List.of("d", "h", "min", "s", "ms", "us");

  private static final double[] UNIT_MS = {86_400_000, 3_600_000, 60_000, 1000, 1, 1.0 / 1000};

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

  /**
   * The whole milliseconds PostgreSQL stores for {@code value} (no unit means ms), or NaN. Like
   * PostgreSQL it rounds a fractional value to a multiple of the next smaller unit, then to whole
   * milliseconds, so {@code '0.4'} and {@code '100us'} are 0, which turns the timeout off.
   */
  static double millis(String value) {
    Matcher m = DURATION.matcher(value == null ? "" : value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Double.NaN;
    }
    double ms = Double.parseDouble(m.group(1));
    if (m.group(2) != null) {
      int unit = UNITS.indexOf(m.group(2));
      ms *= UNIT_MS[unit];
      if (unit + 1 < UNIT_MS.length) {
        ms = Math.rint(ms / UNIT_MS[unit + 1]) * UNIT_MS[unit + 1];
      }
    }
    return Math.rint(ms);
  }
}
