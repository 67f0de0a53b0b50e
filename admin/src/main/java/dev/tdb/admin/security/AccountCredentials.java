/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account's user ({@code tdb_} and 8 lowercase hex characters) and secret (32 random bytes,
 * base64url). The secret is shown once, at creation, and stored only as a {@link ScramVerifier}.
 *
 * @param user the account user
 * @param secret the account secret; never shown by {@link #toString()}
 */
public record AccountCredentials(
    String user, @JsonPropertyDescription("32 random bytes, base64url") String secret) {
  private static final Pattern USER = Pattern.compile("tdb_[0-9a-f]{8}");

  /** Checks that both parts are present. */
  public AccountCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
  }

  /** New random credentials. */
  public static AccountCredentials generate() {
    return new AccountCredentials("tdb_" + RandomTokens.hex(4), RandomTokens.secret(32));
  }

  /** True when {@code user} has the form of an account user. */
  public static boolean isUser(String user) {
    return user != null && USER.matcher(user).matches();
  }

  /** The user, without the secret. */
  @Override
  public String toString() {
    return "AccountCredentials[user=" + user + "]";
  }
}
