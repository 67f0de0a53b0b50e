/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import com.ongres.scram.common.exception.ScramParseException;
import dev.tdb.core.auth.ScramCredential;
import dev.tdb.proxy.internal.auth.ScramServer;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationOk;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationSASLContinue;
import dev.tdb.proxy.internal.protocol.backend.AuthenticationSASLFinal;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import dev.tdb.proxy.internal.protocol.frontend.SASLInitialResponse;
import dev.tdb.proxy.internal.protocol.frontend.SASLResponse;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * SCRAM-SHA-256 with the client against the verifiers of the account or data-plane credential from
 * the admin service (a credential has two while a rotation's overlap runs). An unknown user gets a
 * decoy credential, so it is refused after the same exchange and work as a wrong password, with the
 * same 28P01.
 */
final class Authenticating implements ClientSession.Phase {
  private static final Pattern ACCOUNT_USER = Pattern.compile("tdb_[0-9a-f]{8}");
  private static final Pattern CREDENTIAL_USER = Pattern.compile("tdbc_[0-9a-f]{12}");

  private final ClientSession session;
  private final StartupMessage startup;
  private final String database;
  private final String user;
  private final CompletableFuture<Optional<List<String>>> verifier;
  // Confined to the channel's event loop: no volatile.
  private boolean initialReceived;
  private ScramServer scram;

  Authenticating(ClientSession session, StartupMessage startup, String database) {
    this.session = session;
    this.startup = startup;
    this.database = database;
    this.user = startup.parameter("user");
    this.verifier =
        ACCOUNT_USER.matcher(user).matches() || credential()
            ? session.services().verifiers().verifier(user)
            : CompletableFuture.completedFuture(Optional.empty());
  }

  /** Whether the user is a data-plane credential's, whose session ends when its secret does. */
  private boolean credential() {
    return CREDENTIAL_USER.matcher(user).matches();
  }

  @Override
  public void handle(ByteBuf frame) throws ScramParseException {
    if (Wire.type(frame) != FrontendType.PASSWORD_MESSAGE) {
      throw new ProtocolException("expected a SASL response, got '" + Wire.type(frame) + "'");
    }
    if (scram == null) {
      if (initialReceived) {
        // The first is still being answered: one exchange per connection, one answer per message.
        throw new ProtocolException("a SASL response before the server's challenge");
      }
      initialReceived = true;
      handleInitial(SASLInitialResponse.decode(frame));
    } else {
      handleFinal(SASLResponse.decode(frame));
    }
  }

  private void handleInitial(SASLInitialResponse initial) {
    if (!ScramServer.MECHANISM.equals(initial.mechanism())) {
      session.fatal(ProxyErrors.saslMechanismNotOffered(initial.mechanism()));
      return;
    }
    session.await(verifier, found -> answerFirst(found, initial.data()));
  }

  private void answerFirst(Optional<List<String>> found, String clientFirst) {
    List<ScramCredential> credentials =
        found
            .map(verifiers -> verifiers.stream().map(ScramCredential::parse).toList())
            .orElseGet(() -> List.of(session.services().decoys().forUser(user)));
    scram = new ScramServer(credentials, session.services().random());
    ChannelHandlerContext ctx = session.ctx();
    try {
      ctx.writeAndFlush(
          new AuthenticationSASLContinue(scram.serverFirst(clientFirst)).encode(ctx.alloc()));
    } catch (ScramParseException e) {
      session.fatal(ProxyErrors.malformedScram(e.getMessage()));
    }
  }

  private void handleFinal(SASLResponse response) throws ScramParseException {
    Optional<String> serverFinal = scram.serverFinal(response.data());
    if (serverFinal.isEmpty()) {
      session.fatal(ProxyErrors.passwordFailed(user));
      return;
    }
    ChannelHandlerContext ctx = session.ctx();
    ctx.write(new AuthenticationSASLFinal(serverFinal.get()).encode(ctx.alloc()));
    ctx.writeAndFlush(AuthenticationOk.INSTANCE.encode(ctx.alloc()));
    session.authenticated();
    if (credential()) {
      CredentialWatch.start(
          ctx.channel(),
          user,
          scram.matched().orElseThrow(),
          session.services().verifiers(),
          session.services().config().adminCache().verifierTtl());
    }
    Connecting connecting = new Connecting(session, startup, user, database);
    session.become(connecting);
    connecting.start();
  }
}
