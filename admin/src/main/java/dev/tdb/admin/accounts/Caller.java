/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;

/**
 * Who asks: an authenticated account, a data-plane credential, or the operator acting in-process
 * ({@code InProcessAdmin}).
 *
 * @param accountId the account's key, or null for the operator and for a credential (which owns
 *     nothing and so can reach nothing that {@link #ownerId()} guards)
 * @param user the account or credential user, or null for the operator
 * @param admin whether the caller may create accounts and manage clusters
 * @param scope which classes of routes the caller may use (docs/admin-api.md, "Scopes")
 * @param credentialId the credential's key when a data-plane credential asks, else null
 * @param secretId the key of the credential's secret it authenticated with, else null
 */
public record Caller(
    Long accountId, String user, boolean admin, Scope scope, Long credentialId, Long secretId) {
  private static final Caller OPERATOR = new Caller(null, null, true, Scope.ADMIN, null, null);

  /** An account with the scope its role gives it. */
  public static Caller account(long accountId, String user, boolean admin) {
    return new Caller(accountId, user, admin, admin ? Scope.ADMIN : Scope.MEMBER, null, null);
  }

  /**
   * An account acting through an API key of {@code scope}: admin powers only when the account is an
   * admin and the key's scope is not {@link Scope#MEMBER} (which is what a member does).
   */
  public static Caller apiKey(long accountId, String user, boolean admin, Scope scope) {
    return new Caller(accountId, user, admin && scope != Scope.MEMBER, scope, null, null);
  }

  /**
   * A data-plane credential that authenticated with its secret {@code secretId}: it may read the
   * routing entries it was issued for, nothing else.
   */
  public static Caller credential(long credentialId, long secretId, String user) {
    return new Caller(null, user, false, Scope.CREDENTIAL, credentialId, secretId);
  }

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
          AdminError.ADMIN_REQUIRED,
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
          AdminError.ACCOUNT_REQUIRED,
          "workspaces and tenants belong to an account",
          "act as an account");
    }
    return accountId;
  }
}
