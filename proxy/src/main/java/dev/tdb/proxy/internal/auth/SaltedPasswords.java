/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.util.Arrays;

/**
 * SaltedPassword of runtime role passwords, cached: PBKDF2 with 4096 iterations costs milliseconds
 * on the event loop, and a role's salt stays the same until its password changes. Thread-safe.
 */
public final class SaltedPasswords {
  private final Cache<Key, byte[]> cache = Caffeine.newBuilder().maximumSize(10_000).build();

  private record Key(String password, String salt, int iterations) {
    @Override
    public String toString() {
      return "Key[iterations=" + iterations + "]";
    }
  }

  /** SaltedPassword for these inputs; callers must not change the returned array. */
  public byte[] get(String password, byte[] salt, int iterations) {
    Key key = new Key(password, Arrays.toString(salt), iterations);
    return cache.get(
        key,
        k ->
            ScramFunctions.saltedPassword(
                ScramMechanism.SCRAM_SHA_256,
                StringPreparation.POSTGRESQL_PREPARATION,
                password.toCharArray(),
                salt,
                iterations));
  }
}
