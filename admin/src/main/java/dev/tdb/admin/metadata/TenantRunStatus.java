/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where one tenant of a deployment or an import is: the {@code status} column of {@code
 * deployment_tenants} and {@code import_tenants}, written in lower case there and in the REST API.
 */
public enum TenantRunStatus {
  /** Not started yet. */
  PENDING,
  /** Being worked on. */
  RUNNING,
  /** Done: upgraded, or imported and verified. */
  SUCCEEDED,
  /** Done with an error (an import's tenant is rolled back). */
  FAILED,
  /** Done without work: a deployment's tenant that was already at the version. */
  SKIPPED;

  /** The value as stored and shown: {@code pending}. */
  @JsonValue
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the tenant's work has ended, whatever its outcome. */
  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }

  /**
   * The status stored as {@code value}.
   *
   * @throws IllegalArgumentException for a value the table's CHECK constraint would refuse
   */
  public static TenantRunStatus of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return sql();
  }
}
