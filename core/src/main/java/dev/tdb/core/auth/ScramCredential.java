/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.auth;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a SCRAM-SHA-256 server keeps of a password: iterations, salt, StoredKey and ServerKey, in
 * the text form PostgreSQL keeps in {@code pg_authid}. The admin service stores account verifiers
 * in this form and the proxy authenticates clients against them, so both parse it here.
 *
 * @param iterations PBKDF2 iterations
 * @param salt the salt
 * @param storedKey H(ClientKey)
 * @param serverKey HMAC(SaltedPassword, "Server Key")
 */
public record ScramCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
  private static final Pattern FORM =
      Pattern.compile(
          "SCRAM-SHA-256\\$([0-9]{1,9}):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");

  /**
   * Parses PostgreSQL's text form, {@code
   * SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static ScramCredential parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    return new ScramCredential(
        Integer.parseInt(matcher.group(1)),
        base64.decode(matcher.group(2)),
        base64.decode(matcher.group(3)),
        base64.decode(matcher.group(4)));
  }

  /** PostgreSQL's text form, which {@link #parse} reads back. */
  public String text() {
    Base64.Encoder base64 = Base64.getEncoder();
    return "SCRAM-SHA-256$"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(storedKey)
        + ":"
        + base64.encodeToString(serverKey);
  }

  /** The iterations only. */
  @Override
  public String toString() {
    return "ScramCredential[iterations=" + iterations + "]";
  }
}
