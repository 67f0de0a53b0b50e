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
  private static final Pattern USER = Pattern.compile("tdbc_[0-9a-f]{12}");

  private DataCredentials() {}

  /** A new random user. */
  public static String newUser() {
    return "tdbc_" + RandomTokens.hex(6);
  }

  /** A new random secret. */
  public static String newSecret() {
    return RandomTokens.base64Url(32);
  }

  /** True when {@code user} has the form of a credential user. */
  public static boolean isUser(String user) {
    return user != null && USER.matcher(user).matches();
  }
}
