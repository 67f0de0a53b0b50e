/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The extensions a blueprint may use: those PostgreSQL's own distribution marks {@code trusted =
 * true} (PostgreSQL 13 and later), which a database owner may create without being a superuser.
 * Deployments run a blueprint's DDL as its owner role, which owns every tenant database but is no
 * superuser, so these are the extensions a deployment can create in every tenant.
 *
 * <p>The list is fixed here rather than read from a server's {@code pg_available_extensions}: a
 * blueprint is deployed to every cluster tdb places tenants on, and an extension someone marked
 * trusted in one cluster's control file is not trusted in the next; an unknown name is refused
 * (fail closed). The test that keeps this list honest compares it with the embedded PostgreSQL's.
 */
public final class TrustedExtensions {
  private static final Set<String> NAMES =
      Set.of(
          "btree_gin",
          "btree_gist",
          "citext",
          "cube",
          "dict_int",
          "fuzzystrmatch",
          "hstore",
          "intarray",
          "isn",
          "lo",
          "ltree",
          "pg_trgm",
          "pgcrypto",
          "plpgsql",
          "seg",
          "tablefunc",
          "tcn",
          "tsm_system_rows",
          "tsm_system_time",
          "unaccent",
          "uuid-ossp");

  private TrustedExtensions() {}

  /** True when a blueprint may use the extension {@code name}, as PostgreSQL folds the name. */
  public static boolean contains(String name) {
    return NAMES.contains(name);
  }

  /** Every name, sorted. */
  public static Set<String> names() {
    return new TreeSet<>(NAMES);
  }
}
