/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.auth;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.exception.ScramParseException;
import dev.tdb.core.auth.ScramCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) against a stored credential.
 * Channel binding is not offered (no {@code -PLUS}), so a client must send gs2 flag {@code n} or
 * {@code y}. Not thread-safe: one exchange, one connection.
 */
public final class ScramServer {
  /** The one mechanism offered. */
  public static final String MECHANISM = "SCRAM-SHA-256";

  private static final ScramMechanism SHA_256 = ScramMechanism.SCRAM_SHA_256;
  private static final int NONCE_CHARS = 24;

  private final List<ScramCredential> credentials;
  private final ScramCredential credential;
  private final SecureRandom random;
  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;
  private ScramCredential matched;

  /** An exchange against {@code credential}; a decoy credential for unknown users. */
  public ScramServer(ScramCredential credential, SecureRandom random) {
    this(List.of(credential), random);
  }

  /**
   * An exchange that any of {@code credentials} may answer: a rotated credential's old and new
   * secret during their overlap. The first gives the salt and iteration count of the challenge; the
   * others answer only when they share them (the admin service makes them so).
   */
  public ScramServer(List<ScramCredential> credentials, SecureRandom random) {
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("at least one credential");
    }
    this.credentials = List.copyOf(credentials);
    this.credential = credentials.get(0);
    this.random = random;
  }

  /**
   * Answers the client-first-message with the server-first-message.
   *
   * @throws ScramParseException for a malformed message or a client that requires channel binding
   */
  public String serverFirst(String clientFirst) throws ScramParseException {
    // Parsed here: libpq sends an empty user name (n=), which scram-common's parser refuses.
    int headerEnd = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1);
    if (headerEnd < 0 || clientFirst.isEmpty() || "ny".indexOf(clientFirst.charAt(0)) < 0) {
      throw new ScramParseException("gs2 header must be n or y: channel binding was not offered");
    }
    gs2Header = clientFirst.substring(0, headerEnd + 1);
    clientFirstBare = clientFirst.substring(headerEnd + 1);
    int nonceAt = clientFirstBare.indexOf(",r=");
    if (!clientFirstBare.startsWith("n=") || nonceAt < 0) {
      throw new ScramParseException("client-first-message without user or nonce");
    }
    int nonceEnd = clientFirstBare.indexOf(',', nonceAt + 3);
    String clientNonce =
        clientFirstBare.substring(nonceAt + 3, nonceEnd < 0 ? clientFirstBare.length() : nonceEnd);
    if (clientNonce.isEmpty()) {
      throw new ScramParseException("empty client nonce");
    }
    nonce = clientNonce + ScramFunctions.nonce(NONCE_CHARS, random);
    serverFirst =
        "r="
            + nonce
            + ",s="
            + Base64.getEncoder().encodeToString(credential.salt())
            + ",i="
            + credential.iterations();
    return serverFirst;
  }

  /**
   * Checks the client-final-message; the server-final-message when the proof is right. The same
   * work is done whether it is right or not, and the proof is compared in constant time.
   *
   * @throws ScramParseException for a malformed message, a wrong nonce or channel binding
   */
  public Optional<String> serverFinal(String clientFinal) throws ScramParseException {
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (serverFirst == null || proofAt < 0) {
      throw new ScramParseException("client-final-message without proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String expectedBinding =
        "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!withoutProof.startsWith(expectedBinding + ",r=" + nonce)) {
      throw new ScramParseException("channel binding or nonce does not match");
    }
    byte[] proof = decode(clientFinal.substring(proofAt + 3));
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    ScramCredential matched = null;
    for (ScramCredential candidate : credentials) {
      // Every candidate is checked, matched or not, so the time says nothing about which one.
      boolean matches = proves(candidate, proof, authMessage);
      if (matches && matched == null) {
        matched = candidate;
      }
    }
    if (matched == null) {
      return Optional.empty();
    }
    this.matched = matched;
    byte[] serverSignature =
        ScramFunctions.serverSignature(SHA_256, matched.serverKey(), authMessage);
    return Optional.of("v=" + Base64.getEncoder().encodeToString(serverSignature));
  }

  /** The credential the client's proof matched, once {@link #serverFinal} accepted it. */
  public Optional<ScramCredential> matched() {
    return Optional.ofNullable(matched);
  }

  private boolean proves(ScramCredential candidate, byte[] proof, String authMessage) {
    boolean sameChallenge =
        candidate.iterations() == credential.iterations()
            && MessageDigest.isEqual(candidate.salt(), credential.salt());
    byte[] signature = ScramFunctions.clientSignature(SHA_256, candidate.storedKey(), authMessage);
    return sameChallenge
        && proof.length == signature.length
        && MessageDigest.isEqual(
            ScramFunctions.hash(SHA_256, xor(proof, signature)), candidate.storedKey());
  }

  private static byte[] decode(String base64) throws ScramParseException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ScramParseException("proof is not base64", e);
    }
  }

  /** XOR of two arrays, the shorter's length; lengths are checked by the caller. */
  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[Math.min(a.length, b.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
