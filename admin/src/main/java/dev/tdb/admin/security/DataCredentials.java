/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import java.util.regex.Pattern;

/**
 * Users and secrets of data-plane credentials: the user is {@code tdbc_} and 12 lowercase hex
 * characters, so it can never be taken for an account user ({@code tdb_…}); the secret is 32 random
 * bytes, base64url, kept only as a {@link ScramVerifier}.
 */
public final class DataCredentials {
  /** A PostgreSQL regular expression that matches every {@link #loginRole}. */
  public static final String LOGIN_ROLE_REGEX = "^tdbc_[0-9a-f]{12}_[0-9]+$";

  private static final Pattern USER = Pattern.compile("tdbc_[0-9a-f]{12}");

  private DataCredentials() {}

  /** A new random user. */
  public static String newUser() {
    return "tdbc_" + RandomTokens.hex(6);
  }

  /** A new random secret. */
  public static String newSecret() {
    return RandomTokens.secret(32);
  }

  /**
   * The PostgreSQL login role of secret {@code secretId} of credential {@code user}; it never has
   * the form of a credential user, so the proxy never takes it for one.
   */
  public static String loginRole(String user, long secretId) {
    return user + "_" + secretId;
  }

  /** True when {@code user} has the form of a credential user. */
  public static boolean isUser(String user) {
    return user != null && USER.matcher(user).matches();
  }
}
