/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import dev.tdb.core.settings.Setting;
import dev.tdb.core.sql.SettingChange;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ceiling that a workspace setting puts on a server setting tenants may change, such as {@code
 * query_timeout_ms} on {@code statement_timeout}: values above zero and up to the ceiling are fine,
 * zero (which means no limit for timeouts) and higher values are not, nor values computed at run
 * time. A ceiling of 0 means the workspace sets no limit. RESET and DEFAULT return to the role's
 * server-side value, which the admin service sets to the ceiling, so they are always fine. A fixed
 * setting ({@link #fixed}) allows no change but RESET.
 *
 * @param name the server setting, as SET names it
 * @param unit how its values are read; {@code null} for a fixed setting
 * @param ceiling the highest value allowed, in the unit's base; 0 for no limit
 * @param source the workspace setting that sets the ceiling, named in hints
 */
record SettingCeiling(String name, Unit unit, long ceiling, Setting source) {

  /** How PostgreSQL reads a setting's value: its base unit and the unit names it accepts. */
  enum Unit {
    /** Durations; base unit milliseconds. */
    MILLISECONDS(
        "ms",
        List.of("d", "h", "min", "s", "ms", "us"),
        86_400_000,
        3_600_000,
        60_000,
        1000,
        1,
        1.0 / 1000),
    /** Memory; base unit kilobytes. PostgreSQL's memory units are case-sensitive. */
    KILOBYTES("kB", List.of("TB", "GB", "MB", "kB", "B"), 1 << 30, 1 << 20, 1 << 10, 1, 1.0 / 1024);

    private final String label;
    private final List<String> names;
    private final double[] sizes;
    private final Pattern pattern;

    Unit(String label, List<String> names, double... sizes) {
      this.label = label;
      this.names = names;
      this.sizes = sizes;
      this.pattern =
          Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?)\\s*(" + String.join("|", names) + ")?\\s*");
    }

    /**
     * The whole base units PostgreSQL stores for {@code value} (no unit means the base unit), or
     * NaN. Like PostgreSQL it rounds a fractional value to a multiple of the next smaller unit,
     * then to a whole base unit, so {@code '0.4'} and {@code '100us'} are 0 milliseconds.
     */
    double parse(String value) {
      String v = value == null ? "" : value;
      Matcher m = pattern.matcher(this == MILLISECONDS ? v.toLowerCase(Locale.ROOT) : v);
      if (!m.matches()) {
        return Double.NaN;
      }
      double amount = Double.parseDouble(m.group(1));
      if (m.group(2) != null) {
        int unit = names.indexOf(m.group(2));
        amount *= sizes[unit];
        if (unit + 1 < sizes.length) {
          amount = Math.rint(amount / sizes[unit + 1]) * sizes[unit + 1];
        }
      }
      return Math.rint(amount);
    }
  }

  /** A setting that tenants may not change at all. */
  static SettingCeiling fixed(String name, Setting source) {
    return new SettingCeiling(name, null, 0, source);
  }

  /** Whether {@code change}, a change of this setting, stays within the ceiling. */
  boolean allows(SettingChange change) {
    if (change.action() == SettingChange.Action.RESET) {
      return true;
    }
    if (unit == null) {
      return false;
    }
    if (ceiling == 0) {
      return true;
    }
    if (change.action() == SettingChange.Action.SET_COMPUTED) {
      return false;
    }
    double value = unit.parse(change.value());
    return value > 0 && value <= ceiling;
  }

  /** The refusal of a change that {@link #allows} does not allow (SQLSTATE 42501). */
  Decision.Reject reject(String workspace) {
    if (unit == null) {
      return new Decision.Reject(
          SqlState.INSUFFICIENT_PRIVILEGE,
          name + " cannot be changed on tenant databases",
          "tenant sessions keep the server's "
              + name
              + "; their limit follows "
              + source.key()
              + " in the settings of "
              + workspace);
    }
    return new Decision.Reject(
        SqlState.INSUFFICIENT_PRIVILEGE,
        name + " cannot exceed the workspace limit of " + ceiling + " " + unit.label,
        "lower values are allowed; raise " + source.key() + " in the settings of " + workspace);
  }
}
