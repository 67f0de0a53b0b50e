/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How a client proves itself to the admin service: account credentials or an API key. */
public sealed interface AdminCredentials permits AdminCredentials.Account, AdminCredentials.ApiKey {

  /** The value of the HTTP {@code Authorization} header that carries these credentials. */
  String authorization();

  /**
   * An account's user and secret, sent with HTTP Basic.
   *
   * @param user the account user ({@code tdb_} and 8 hex characters)
   * @param secret the account secret; never shown (see {@link #toString()})
   */
  record Account(String user, String secret) implements AdminCredentials {

    /** Checks that the user is present and can be sent with HTTP Basic. */
    public Account {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "secret");
      if (user.isEmpty() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("an account user must be non-empty and without ':'");
      }
    }

    @Override
    public String authorization() {
      byte[] pair = (user + ":" + secret).getBytes(StandardCharsets.UTF_8);
      return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    /** The user, without the secret. */
    @Override
    public String toString() {
      return "Account[user=" + user + "]";
    }
  }

  /**
   * An API key ({@code tdbk_} and 40 base64url characters), sent as a bearer token.
   *
   * @param key the key; never shown (see {@link #toString()})
   */
  record ApiKey(String key) implements AdminCredentials {

    /** Checks that the key can be sent in an HTTP header. */
    public ApiKey {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty() || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("an API key must be non-empty printable ASCII");
      }
    }

    @Override
    public String authorization() {
      return "Bearer " + key;
    }

    /** Nothing of the key. */
    @Override
    public String toString() {
      return "ApiKey[***]";
    }
  }
}
