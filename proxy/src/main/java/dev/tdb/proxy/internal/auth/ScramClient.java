/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.auth;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.exception.ScramParseException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of one SCRAM-SHA-256 exchange with a PostgreSQL server, as the runtime role,
 * without channel binding. Not thread-safe: one exchange, one backend connection.
 */
public final class ScramClient {
  private static final ScramMechanism SHA_256 = ScramMechanism.SCRAM_SHA_256;
  private static final String GS2_HEADER = "n,,";
  private static final int NONCE_CHARS = 24;

  private final String password;
  private final SaltedPasswords saltedPasswords;
  private final String clientFirstBare;
  private final String clientNonce;
  private byte[] serverKey;
  private String authMessage;

  /** An exchange for {@code password}, salting through {@code saltedPasswords}. */
  public ScramClient(String password, SaltedPasswords saltedPasswords, SecureRandom random) {
    this.password = password;
    this.saltedPasswords = saltedPasswords;
    this.clientNonce = ScramFunctions.nonce(NONCE_CHARS, random);
    // PostgreSQL takes the user from the StartupMessage and ignores the SCRAM user name.
    this.clientFirstBare = "n=,r=" + clientNonce;
  }

  /** The client-first-message. */
  public String clientFirst() {
    return GS2_HEADER + clientFirstBare;
  }

  /**
   * Answers the server-first-message with the client-final-message.
   *
   * @throws ScramParseException for a malformed message or a nonce that does not extend ours
   */
  public String clientFinal(String serverFirst) throws ScramParseException {
    ServerFirstMessage message = ServerFirstMessage.parseFrom(serverFirst, clientNonce);
    byte[] salted =
        saltedPasswords.get(
            password, Base64.getDecoder().decode(message.getSalt()), message.getIterationCount());
    byte[] clientKey = ScramFunctions.clientKey(SHA_256, salted);
    serverKey = ScramFunctions.serverKey(SHA_256, salted);
    String withoutProof = "c=biws,r=" + message.getNonce();
    authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature =
        ScramFunctions.clientSignature(
            SHA_256, ScramFunctions.storedKey(SHA_256, clientKey), authMessage);
    byte[] proof = ScramFunctions.clientProof(clientKey, signature);
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /**
   * True when the server-final-message proves the server knows the password.
   *
   * @throws ScramParseException for a malformed message
   */
  public boolean verifyServerFinal(String serverFinal) throws ScramParseException {
    ServerFinalMessage message = ServerFinalMessage.parseFrom(serverFinal);
    return !message.isError()
        && authMessage != null
        && ScramFunctions.verifyServerSignature(
            SHA_256, serverKey, authMessage, message.getVerifier());
  }
}
