/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The admin service's 32-byte AES-256 key ({@code TDB_SECRET_KEY}) that seals stored passwords. A
 * value: equal by content (compared in constant time), never printed, never handed out except as a
 * copy.
 */
public final class SecretKey {
  /** Length of the key in bytes. */
  public static final int BYTES = 32;

  private final byte[] bytes;

  private SecretKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The key made of a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException unless there are exactly {@link #BYTES} bytes
   */
  public static SecretKey of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "secretKey must be " + BYTES + " bytes, got " + bytes.length);
    }
    return new SecretKey(bytes.clone());
  }

  /**
   * Decodes a key given as base64 (standard or URL-safe, padded or not).
   *
   * @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes; the message
   *     never repeats the text
   */
  public static SecretKey parse(String base64) {
    String text = Objects.requireNonNull(base64, "base64").trim();
    byte[] key;
    try {
      key =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TDB_SECRET_KEY is not valid base64; create one with: openssl rand -base64 32");
    }
    if (key.length != BYTES) {
      throw new IllegalArgumentException(
          "TDB_SECRET_KEY must be "
              + BYTES
              + " bytes in base64, got "
              + key.length
              + " bytes; create one with: openssl rand -base64 32");
    }
    return new SecretKey(key);
  }

  /** A new random key, for installations that have none yet. */
  public static SecretKey generate() {
    return new SecretKey(RandomTokens.bytes(BYTES));
  }

  /** The key in standard base64, as {@link #parse} reads it (to write into a key file). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A copy of the key's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretKey that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Never the key itself. */
  @Override
  public String toString() {
    return "SecretKey[redacted]";
  }
}
