/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.frontend.CancelRequest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys the proxy gave its clients, each mapped to the backend session behind it, so that a
 * CancelRequest can only ever cancel the query of the session whose key it carries. A client's key
 * is the backend's real process id, so that {@code pg_backend_pid()}, NotificationResponse,
 * pg_stat_activity and {@code pg_cancel_backend} all agree with it, and a secret drawn by the
 * proxy, which never shows clients the server's. Backends on different servers can share a process
 * id: their keys differ in the secret, drawn again until no open session with that process id has
 * it. Thread-safe.
 */
public final class CancelRegistry {
  /**
   * Where a client's key leads.
   *
   * @param clientKey the key the client got
   * @param server the PostgreSQL server; null in transaction mode
   * @param backendKey the server's key of the backend session; null in transaction mode
   * @param relayed in transaction mode, cancels what the client's session runs at that moment on
   *     whichever server connection it holds; null in session mode
   */
  public record Target(
      BackendKeyData clientKey,
      InetSocketAddress server,
      BackendKeyData backendKey,
      Runnable relayed) {}

  /** The open sessions by process id; more than one when servers share a process id. */
  private final ConcurrentHashMap<Integer, List<Target>> targets = new ConcurrentHashMap<>();

  private final SecureRandom random;

  /** A registry drawing secrets from {@code random}. */
  public CancelRegistry(SecureRandom random) {
    this.random = random;
  }

  /**
   * Registers a backend session and returns the key for its client: the backend's process id and a
   * new secret that no other open session with that process id has.
   */
  public BackendKeyData register(InetSocketAddress server, BackendKeyData backendKey) {
    return register(backendKey.processId(), server, backendKey, null);
  }

  /**
   * Registers a transaction-mode session, whose backend changes with each transaction, under {@code
   * processId}, and returns the key for its client; a CancelRequest with it runs {@code cancel}.
   */
  public BackendKeyData register(int processId, Runnable cancel) {
    return register(processId, null, null, cancel);
  }

  private BackendKeyData register(
      int pid, InetSocketAddress server, BackendKeyData backendKey, Runnable cancel) {
    List<Target> added = new ArrayList<>(1);
    targets.compute(
        pid,
        (processId, sharing) -> {
          List<Target> all = sharing == null ? new ArrayList<>(1) : new ArrayList<>(sharing);
          BackendKeyData clientKey;
          do {
            clientKey = new BackendKeyData(processId, random.nextInt());
          } while (secretTaken(all, clientKey.secretKey()));
          Target target = new Target(clientKey, server, backendKey, cancel);
          added.add(target);
          all.add(target);
          return List.copyOf(all);
        });
    return added.get(0).clientKey();
  }

  /** Forgets a client's key when its session ends. */
  public void unregister(BackendKeyData clientKey) {
    targets.computeIfPresent(
        clientKey.processId(),
        (processId, sharing) -> {
          List<Target> rest =
              sharing.stream().filter(target -> !target.clientKey().equals(clientKey)).toList();
          return rest.isEmpty() ? null : rest;
        });
  }

  /** The backend session of a CancelRequest whose process id and secret both match. */
  public Optional<Target> find(CancelRequest request) {
    Target found = null;
    // Every secret of the process id is compared, in constant time, matching or not.
    for (Target target : targets.getOrDefault(request.processId(), List.of())) {
      if (MessageDigest.isEqual(
          bytes(target.clientKey().secretKey()), bytes(request.secretKey()))) {
        found = target;
      }
    }
    return Optional.ofNullable(found);
  }

  private static boolean secretTaken(List<Target> sharing, int secret) {
    return sharing.stream().anyMatch(target -> target.clientKey().secretKey() == secret);
  }

  private static byte[] bytes(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }
}
