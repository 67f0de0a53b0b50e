/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.protocol.BackendKeyData;
import dev.tdb.proxy.internal.protocol.CancelRequest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys the proxy gave its clients, each mapped to the backend session behind it, so that a
 * CancelRequest can only ever cancel the query of the session whose key it carries. Thread-safe.
 */
public final class CancelRegistry {
  /**
   * Where a client's key leads.
   *
   * @param clientKey the key the client got
   * @param server the PostgreSQL server
   * @param backendKey the server's key of the backend session
   */
  public record Target(
      BackendKeyData clientKey, InetSocketAddress server, BackendKeyData backendKey) {}

  private final ConcurrentHashMap<Integer, Target> targets = new ConcurrentHashMap<>();
  private final SecureRandom random;

  /** A registry drawing keys from {@code random}. */
  public CancelRegistry(SecureRandom random) {
    this.random = random;
  }

  /** Registers a backend session and returns the new key for its client. */
  public BackendKeyData register(InetSocketAddress server, BackendKeyData backendKey) {
    while (true) {
      BackendKeyData clientKey =
          new BackendKeyData(random.nextInt() & 0x7fffffff, random.nextInt());
      if (targets.putIfAbsent(clientKey.processId(), new Target(clientKey, server, backendKey))
          == null) {
        return clientKey;
      }
    }
  }

  /** Forgets a client's key when its session ends. */
  public void unregister(BackendKeyData clientKey) {
    targets.remove(clientKey.processId());
  }

  /** The backend session of a CancelRequest whose process id and secret both match. */
  public Optional<Target> find(CancelRequest request) {
    Target target = targets.get(request.processId());
    if (target == null) {
      return Optional.empty();
    }
    boolean matches =
        MessageDigest.isEqual(bytes(target.clientKey().secretKey()), bytes(request.secretKey()));
    return matches ? Optional.of(target) : Optional.empty();
  }

  private static byte[] bytes(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }
}
