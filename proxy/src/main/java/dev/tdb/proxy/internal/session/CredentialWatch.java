/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.auth.ScramCredential;
import dev.tdb.proxy.internal.admin.VerifierCache;
import dev.tdb.proxy.internal.relay.Revoked;
import io.netty.channel.Channel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a credential's session once the secret it authenticated with stops working (revoked, or
 * expired after a rotation): every {@code verifier_ttl} it asks the verifier cache, which answers
 * from memory and revalidates with the admin service behind it, so the session ends within about
 * two {@code verifier_ttl} and one admin round trip of the change. While the admin service cannot
 * be reached, the cache's last answer stands (up to its maximum staleness) and then the session is
 * left running: an outage of the admin service does not end sessions.
 */
final class CredentialWatch {
  private final Channel channel;
  private final String user;
  private final ScramCredential secret;
  private final VerifierCache verifiers;
  // Written on the channel's event loop only, read there: no volatile.
  private ScheduledFuture<?> task;
  private boolean ended;

  private CredentialWatch(
      Channel channel, String user, ScramCredential secret, VerifierCache verifiers) {
    this.channel = channel;
    this.user = user;
    this.secret = secret;
    this.verifiers = verifiers;
  }

  /** Starts watching {@code user}'s {@code secret} for the session on {@code channel}. */
  static void start(
      Channel channel,
      String user,
      ScramCredential secret,
      VerifierCache verifiers,
      Duration interval) {
    CredentialWatch watch = new CredentialWatch(channel, user, secret, verifiers);
    long millis = Math.max(1, interval.toMillis());
    watch.task =
        channel
            .eventLoop()
            .scheduleAtFixedRate(watch::check, millis, millis, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(closed -> watch.task.cancel(false));
  }

  private void check() {
    verifiers
        .verifier(user)
        .whenComplete(
            (found, failure) -> {
              if (failure == null && !stillWorks(found)) {
                channel.eventLoop().execute(this::end);
              }
            });
  }

  private boolean stillWorks(Optional<List<String>> found) {
    return found.isPresent()
        && found.get().stream()
            .map(ScramCredential::parse)
            .anyMatch(v -> MessageDigest.isEqual(v.storedKey(), secret.storedKey()));
  }

  private void end() {
    if (ended || !channel.isActive()) {
      return;
    }
    ended = true;
    task.cancel(false);
    channel.pipeline().fireUserEventTriggered(new Revoked(user));
  }
}
