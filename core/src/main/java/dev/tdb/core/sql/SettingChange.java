/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

/**
 * A change to a run-time setting made by {@code SET}, {@code RESET}, {@code SET ... TO DEFAULT} or
 * {@code set_config(...)}.
 *
 * @param name the setting's name in lower case ({@code role} and {@code session_authorization} for
 *     role changes, {@code all} for {@code RESET ALL}), or {@code null} when the statement computes
 *     the name
 * @param action what happens to the setting
 * @param value the new value as written, unquoted, for {@link Action#SET}; otherwise {@code null}
 */
public record SettingChange(String name, Action action, String value) {

  /** What a statement does to a setting. */
  public enum Action {
    /** Sets a constant value. */
    SET,
    /** Returns to the session default. */
    RESET,
    /** Sets a value that is computed at run time, unknown before the statement runs. */
    SET_COMPUTED
  }

  /** A {@code SET name = value} change. */
  public static SettingChange set(String name, String value) {
    return new SettingChange(name, Action.SET, value);
  }

  /** A {@code RESET name} change. */
  public static SettingChange reset(String name) {
    return new SettingChange(name, Action.RESET, null);
  }

  /** A change whose value (and perhaps name, when {@code null}) is computed at run time. */
  public static SettingChange computed(String name) {
    return new SettingChange(name, Action.SET_COMPUTED, null);
  }

  /** True when the statement names the setting with a constant. */
  public boolean hasConstantName() {
    return name != null;
  }
}
