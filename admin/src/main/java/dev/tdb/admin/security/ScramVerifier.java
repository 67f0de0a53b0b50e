/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import dev.tdb.core.auth.ScramCredential;
import java.security.MessageDigest;

/**
 * A SCRAM-SHA-256 verifier in the text form PostgreSQL keeps in {@code pg_authid}: {@code
 * SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, each part standard base64. It lets
 * the proxy run SCRAM with clients and the admin service check HTTP Basic passwords without ever
 * storing a plaintext secret.
 */
public final class ScramVerifier {
  /** Iterations of new verifiers, PostgreSQL's default. */
  public static final int ITERATIONS = 4096;

  private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;
  private static final StringPreparation PREPARATION = StringPreparation.POSTGRESQL_PREPARATION;
  private static final int SALT_BYTES = 16;
  private static final ScramVerifier DECOY = create("decoy password for unknown users");

  private final int iterations;
  private final byte[] salt;
  private final byte[] storedKey;
  private final byte[] serverKey;

  private ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    this.iterations = iterations;
    this.salt = salt;
    this.storedKey = storedKey;
    this.serverKey = serverKey;
  }

  /** A new verifier for {@code password} with a random salt and {@link #ITERATIONS}. */
  public static ScramVerifier create(String password) {
    byte[] salt = RandomTokens.bytes(SALT_BYTES);
    byte[] salted = salted(password, salt, ITERATIONS);
    return new ScramVerifier(
        ITERATIONS,
        salt,
        ScramFunctions.storedKey(MECHANISM, ScramFunctions.clientKey(MECHANISM, salted)),
        ScramFunctions.serverKey(MECHANISM, salted));
  }

  /**
   * A new verifier for {@code password} with the salt and iterations of {@code other}, so that one
   * SCRAM server-first-message fits both and a server can check a proof against either (a rotated
   * credential's old and new secret during their overlap).
   */
  public static ScramVerifier createLike(String password, ScramVerifier other) {
    byte[] salted = salted(password, other.salt, other.iterations);
    return new ScramVerifier(
        other.iterations,
        other.salt.clone(),
        ScramFunctions.storedKey(MECHANISM, ScramFunctions.clientKey(MECHANISM, salted)),
        ScramFunctions.serverKey(MECHANISM, salted));
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException when the text is not a SCRAM-SHA-256 verifier
   */
  public static ScramVerifier parse(String text) {
    ScramCredential credential = ScramCredential.parse(text);
    return new ScramVerifier(
        credential.iterations(), credential.salt(), credential.storedKey(), credential.serverKey());
  }

  /**
   * Spends the same work as {@link #matches} on a fixed verifier, so that an unknown user takes as
   * long to refuse as a wrong password.
   */
  public static void spendVerificationTime(String password) {
    DECOY.matches(password);
  }

  /** True when {@code password} is the one this verifier was made from (constant-time compare). */
  public boolean matches(String password) {
    byte[] salted = salted(password, salt, iterations);
    byte[] stored =
        ScramFunctions.storedKey(MECHANISM, ScramFunctions.clientKey(MECHANISM, salted));
    byte[] server = ScramFunctions.serverKey(MECHANISM, salted);
    boolean storedMatches = MessageDigest.isEqual(stored, storedKey);
    boolean serverMatches = MessageDigest.isEqual(server, serverKey);
    return storedMatches & serverMatches;
  }

  /** The text form PostgreSQL accepts as a role's password and keeps in {@code pg_authid}. */
  public String text() {
    return new ScramCredential(iterations, salt, storedKey, serverKey).text();
  }

  private static byte[] salted(String password, byte[] salt, int iterations) {
    return ScramFunctions.saltedPassword(
        MECHANISM, PREPARATION, password.toCharArray(), salt, iterations);
  }

  /** The mechanism and iterations only. */
  @Override
  public String toString() {
    return "ScramVerifier[SCRAM-SHA-256, iterations=" + iterations + "]";
  }
}
