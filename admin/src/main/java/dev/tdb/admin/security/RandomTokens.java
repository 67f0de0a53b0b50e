/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random values for credentials, keys and passwords, all from one {@link SecureRandom}. */
public final class RandomTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  /** {@code length} random bytes. */
  public static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** {@code length} random bytes in unpadded base64url. */
  public static String base64Url(int length) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(length));
  }

  /**
   * A secret a person may paste after a command-line flag: {@code length} random bytes in unpadded
   * base64url that never start with {@code -}, which command-line parsers (picocli's {@code tdb
   * --secret} among them) take for an option. Drawing again when it would costs log2(64/63), under
   * 0.03 bits.
   */
  public static String secret(int length) {
    String secret = base64Url(length);
    while (secret.charAt(0) == '-') {
      secret = base64Url(length);
    }
    return secret;
  }

  /** {@code length} random bytes as lowercase hex. */
  public static String hex(int length) {
    return HexFormat.of().formatHex(bytes(length));
  }

  /** A password for a runtime role: 32 random bytes, base64url, safe in URLs and SQL literals. */
  public static String rolePassword() {
    return base64Url(32);
  }
}
