/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: {@code tdbk_} and 40 base64url characters (30 random bytes), stored only as the hex
 * SHA-256 of the whole key. A key has enough entropy that a plain hash is as good as a slow one.
 */
public final class ApiKeys {
  private static final String PREFIX = "tdbk_";
  private static final Pattern FORM = Pattern.compile("tdbk_[A-Za-z0-9_-]{40}");

  private ApiKeys() {}

  /** A new random key. */
  public static String generate() {
    return PREFIX + RandomTokens.base64Url(30);
  }

  /** True when {@code key} has the form of an API key. */
  public static boolean isKey(String key) {
    return key != null && FORM.matcher(key).matches();
  }

  /** The hex SHA-256 of {@code key}, the form keys are stored and looked up in. */
  public static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
