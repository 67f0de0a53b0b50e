/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.auth;

import dev.tdb.core.auth.ScramCredential;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials for users that do not exist, so that the exchange looks and costs the same as for a
 * real one: the salt is derived from the user name with a key of this process (as PostgreSQL's mock
 * authentication does), so asking twice gives the same salt.
 */
public final class DecoyCredentials {
  private static final int ITERATIONS = 4096;

  private final byte[] key;
  private final byte[] storedKey;
  private final byte[] serverKey;

  /** Decoys keyed with fresh random bytes. */
  public DecoyCredentials(SecureRandom random) {
    this.key = bytes(random, 32);
    this.storedKey = bytes(random, 32);
    this.serverKey = bytes(random, 32);
  }

  /** The decoy credential of {@code user}; no proof matches it. */
  public ScramCredential forUser(String user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] salt = Arrays.copyOf(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)), 16);
      return new ScramCredential(ITERATIONS, salt, storedKey, serverKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static byte[] bytes(SecureRandom random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }
}
