/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How long a proxy client holds a server connection (setting {@code pool_mode}). */
public enum PoolMode {
  /** For its whole session; the connection is reset when the client leaves (the default). */
  SESSION,
  /** For one transaction: it goes back to the pool at ReadyForQuery idle. */
  TRANSACTION;

  /** The word of the setting's value. */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code key} (as {@link Setting#POOL_MODE} parsed it). */
  public static PoolMode of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(PoolMode::key).toList();
  }
}
