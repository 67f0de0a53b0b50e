/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a deployment or an import is: the {@code status} column of {@code deployments} and {@code
 * imports}, written in lower case there and in the REST API.
 */
public enum RunStatus {
  /** Still working, or stopped by a server that a peer or a restart resumes. */
  RUNNING,
  /** Ended with every tenant done. */
  SUCCEEDED,
  /** Ended with an error, or with at least one tenant failed. */
  FAILED;

  /** The value as stored and shown: {@code running}. */
  @JsonValue
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status stored as {@code value}.
   *
   * @throws IllegalArgumentException for a value the table's CHECK constraint would refuse
   */
  public static RunStatus of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return sql();
  }
}
