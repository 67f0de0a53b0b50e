/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import java.util.Locale;

/**
 * Tenant names derived from routing values: lowercased, every character outside {@code [a-z0-9_]}
 * mapped to {@code _}, runs of {@code _} made one (tenant names may not hold {@code __}), prefixed
 * with {@code t_} when it does not start with a letter, cut to the 30 characters a tenant name may
 * have.
 */
final class TenantNames {
  private static final int MAX_LENGTH = 30;

  private TenantNames() {}

  /** The tenant name of routing value {@code value}. */
  static String of(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    StringBuilder name = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char ch = lower.charAt(i);
      char mapped = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' ? ch : '_';
      if (mapped != '_' || name.length() == 0 || name.charAt(name.length() - 1) != '_') {
        name.append(mapped);
      }
    }
    if (name.length() == 0 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      name.insert(0, name.length() > 0 && name.charAt(0) == '_' ? "t" : "t_");
    }
    return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name.toString();
  }
}
