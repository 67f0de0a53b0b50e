/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Values of a service's configuration keys that a program gives in place of a file ({@code tdb up}
 * from its options), each with where it came from, so that errors name that option. They go through
 * the same checks as the values of a file. Immutable; {@code with} returns a copy.
 */
public final class GivenValues {
  /**
   * One value.
   *
   * @param items the value, or the items of a list
   * @param where the option or source it came from, as errors name it ({@code --port})
   */
  record Given(List<String> items, String where) {
    Given {
      items = List.copyOf(items);
      Objects.requireNonNull(where, "where");
    }
  }

  private final Map<ConfigKey, Given> values;

  private GivenValues(Map<ConfigKey, Given> values) {
    this.values = Map.copyOf(values);
  }

  /** No values: every key has its default. */
  public static GivenValues none() {
    return new GivenValues(Map.of());
  }

  /** A copy with {@code key} set to {@code value}, which came from {@code where}. */
  public GivenValues with(ConfigKey key, String value, String where) {
    return with(key, List.of(Objects.requireNonNull(value, key.name())), where);
  }

  /** A copy with the list {@code key} set to {@code items}, which came from {@code where}. */
  public GivenValues with(ConfigKey key, List<String> items, String where) {
    Map<ConfigKey, Given> copy = new LinkedHashMap<>(values);
    copy.put(key, new Given(items, where));
    return new GivenValues(copy);
  }

  Map<ConfigKey, Given> values() {
    return values;
  }
}
