/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets the service must give back (cluster and runtime role passwords) with
 * AES-256-GCM. A sealed value is {@code v1.} followed by base64url of a random 96-bit nonce and the
 * ciphertext with its tag; the version prefix lets a later format or key coexist with this one.
 * Each value is bound to a context (such as {@code tenant/myapp__acme}) as associated data, so a
 * sealed value copied to another row does not open there.
 */
public final class SecretBox {
  private static final String VERSION = "v1.";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;

  /**
   * Creates a box for a 32-byte key.
   *
   * @throws IllegalArgumentException when the key is not 32 bytes
   */
  public SecretBox(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** Encrypts {@code plaintext} for {@code context}. */
  public String seal(String plaintext, String context) {
    byte[] nonce = RandomTokens.bytes(NONCE_BYTES);
    byte[] sealed =
        run(Cipher.ENCRYPT_MODE, nonce, context, plaintext.getBytes(StandardCharsets.UTF_8));
    ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
    return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
  }

  /**
   * Decrypts a value sealed for {@code context}.
   *
   * @throws IllegalStateException when the value is malformed, was sealed under another key or for
   *     another context
   */
  public String open(String sealed, String context) {
    if (!sealed.startsWith(VERSION)) {
      throw new IllegalStateException("unknown sealed value format for " + context);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("malformed sealed value for " + context, e);
    }
    if (bytes.length <= NONCE_BYTES) {
      throw new IllegalStateException("malformed sealed value for " + context);
    }
    byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
    byte[] body = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
    return new String(run(Cipher.DECRYPT_MODE, nonce, context, body), StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] nonce, String context, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // The message of a failed tag check says nothing secret, but keep it generic anyway.
      throw new IllegalStateException(
          "cannot "
              + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
              + " the secret of "
              + context
              + " (wrong TDB_SECRET_KEY?)",
          e);
    }
  }

  /**
   * A secret derived from the key for {@code context} (HMAC-SHA-256 of the context under the key),
   * the same on every start and every replica with this key, so it never needs to be stored.
   */
  public String derive(String context) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] secret = mac.doFinal(("tdb derive v1\n" + context).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the secret of " + context, e);
    }
  }

  /** Nothing of the key. */
  @Override
  public String toString() {
    return "SecretBox[AES-256-GCM]";
  }
}
