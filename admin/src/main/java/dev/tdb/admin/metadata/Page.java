/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: the items and the key to pass as {@code after} for the next page, null on the
 * last page.
 *
 * @param items the items of this page
 * @param nextAfter the key of the last item when more follow, else null
 */
public record Page<T>(List<T> items, @Nullable String nextAfter) {
  /** Largest page size a caller may ask for. */
  public static final int MAX_LIMIT = 1000;

  /** Page size when the caller does not say. */
  public static final int DEFAULT_LIMIT = 100;

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** A page from up to {@code limit + 1} fetched rows; the extra row only says more follow. */
  static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> key) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new Page<>(items, key.apply(items.get(limit - 1)));
  }

  /** This page with every item mapped. */
  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextAfter);
  }
}
