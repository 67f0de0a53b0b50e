/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.accounts.AccountService;
import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.credentials.CredentialService;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.security.DataCredentials;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the caller from {@code Authorization}: HTTP Basic account or data-plane credentials, or a
 * Bearer key.
 */
final class Auth {
  /** The challenge sent with every 401. */
  static final String CHALLENGE = "Basic realm=\"tdb\"";

  private final AccountService accounts;
  private final CredentialService credentials;

  Auth(AccountService accounts, CredentialService credentials) {
    this.accounts = accounts;
    this.credentials = credentials;
  }

  /**
   * The authenticated caller.
   *
   * @throws AdminException (unauthenticated) for missing, malformed or wrong credentials
   */
  Caller caller(Context ctx) {
    String header = ctx.header("Authorization");
    Optional<Caller> caller = Optional.empty();
    if (header != null && startsWithIgnoringCase(header, "Basic ")) {
      caller = basic(header.substring("Basic ".length()).trim());
    } else if (header != null && startsWithIgnoringCase(header, "Bearer ")) {
      caller = accounts.authenticate(header.substring("Bearer ".length()).trim());
    }
    return caller.orElseThrow(
        () ->
            new AdminException(
                AdminError.UNAUTHENTICATED,
                header == null ? "credentials are required" : "the credentials are not valid",
                "send the account user and secret with HTTP Basic, or an API key as"
                    + " 'Authorization: Bearer tdbk_…'"));
  }

  private Optional<Caller> basic(String encoded) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String user = pair.substring(0, colon);
    String secret = pair.substring(colon + 1);
    // A credential authenticates like an account; the router then lets it read routing only.
    return DataCredentials.isUser(user)
        ? credentials.authenticate(user, secret)
        : accounts.authenticate(user, secret);
  }

  private static boolean startsWithIgnoringCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
