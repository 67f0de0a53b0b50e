/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.security;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern FORM =
      Pattern.compile(
          "SCRAM-SHA-256\\$([0-9]{1,9}):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");
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
    byte[] salt = Tokens.bytes(SALT_BYTES);
    byte[] salted = salted(password, salt, ITERATIONS);
    return new ScramVerifier(
        ITERATIONS,
        salt,
        ScramFunctions.storedKey(MECHANISM, ScramFunctions.clientKey(MECHANISM, salted)),
        ScramFunctions.serverKey(MECHANISM, salted));
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException when the text is not a SCRAM-SHA-256 verifier
   */
  public static ScramVerifier parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    return new ScramVerifier(
        Integer.parseInt(matcher.group(1)),
        base64.decode(matcher.group(2)),
        base64.decode(matcher.group(3)),
        base64.decode(matcher.group(4)));
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
