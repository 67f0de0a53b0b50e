/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import dev.tdb.admin.errors.AdminException;

/**
 * Who asks: an authenticated account, or the operator acting in-process (bootstrap).
 *
 * @param accountId the account's key, or null for the operator
 * @param user the account user, or null for the operator
 * @param admin whether the caller may create accounts and manage clusters
 */
public record Caller(Long accountId, String user, boolean admin) {
  private static final Caller OPERATOR = new Caller(null, null, true);

  /** The operator of this admin service, acting in-process; owns nothing. */
  public static Caller operator() {
    return OPERATOR;
  }

  /**
   * Checks that the caller is an admin.
   *
   * @throws AdminException (forbidden) otherwise
   */
  public void requireAdmin(String action) {
    if (!admin) {
      throw new AdminException(
          AdminException.Kind.FORBIDDEN,
          "admin_required",
          "only an admin account may " + action,
          "ask an admin of this tdb installation");
    }
  }

  /**
   * The key of the account that owns what this caller creates.
   *
   * @throws AdminException (forbidden) for the operator, which owns nothing
   */
  public long ownerId() {
    if (accountId == null) {
      throw new AdminException(
          AdminException.Kind.FORBIDDEN,
          "account_required",
          "workspaces and tenants belong to an account",
          "act as an account");
    }
    return accountId;
  }
}
