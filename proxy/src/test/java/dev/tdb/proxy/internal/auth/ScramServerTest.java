/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import com.ongres.scram.common.exception.ScramParseException;
import dev.tdb.core.auth.ScramCredential;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server side of SCRAM against several credentials, driven by the proxy's own client. */
final class ScramServerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] SALT =
      "sixteen-byte-salt".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final ScramCredential current = credential("new secret", SALT);
  private final ScramCredential previous = credential("old secret", SALT);

  @Test
  void acceptsEitherSecretOfARotationAndSaysWhichOne() throws ScramParseException {
    List<ScramCredential> both = List.of(current, previous);

    ScramServer withNew = new ScramServer(both, RANDOM);
    assertThat(exchange(withNew, "new secret")).isTrue();
    assertThat(withNew.matched()).containsSame(current);

    ScramServer withOld = new ScramServer(both, RANDOM);
    assertThat(exchange(withOld, "old secret")).isTrue();
    assertThat(withOld.matched()).containsSame(previous);
  }

  @Test
  void refusesAnyOtherSecret() throws ScramParseException {
    ScramServer server = new ScramServer(List.of(current, previous), RANDOM);
    assertThat(exchange(server, "guess")).isFalse();
    assertThat(server.matched()).isEmpty();
  }

  @Test
  void aCredentialWithAnotherSaltCannotAnswerTheChallenge() throws ScramParseException {
    ScramCredential otherSalt =
        credential(
            "old secret", "another-salt-16b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ScramServer server = new ScramServer(List.of(current, otherSalt), RANDOM);
    assertThat(exchange(server, "old secret")).isFalse();
  }

  /** Runs one exchange; true when the server accepted and the client verified the server. */
  private static boolean exchange(ScramServer server, String password) throws ScramParseException {
    ScramClient client = new ScramClient(password, new SaltedPasswords(), RANDOM);
    String serverFirst = server.serverFirst(client.clientFirst());
    Optional<String> serverFinal = server.serverFinal(client.clientFinal(serverFirst));
    return serverFinal.isPresent() && client.verifyServerFinal(serverFinal.get());
  }

  private static ScramCredential credential(String password, byte[] salt) {
    ScramMechanism sha256 = ScramMechanism.SCRAM_SHA_256;
    byte[] salted =
        ScramFunctions.saltedPassword(
            sha256, StringPreparation.POSTGRESQL_PREPARATION, password.toCharArray(), salt, 4096);
    return new ScramCredential(
        4096,
        salt,
        ScramFunctions.storedKey(sha256, ScramFunctions.clientKey(sha256, salted)),
        ScramFunctions.serverKey(sha256, salted));
  }
}
