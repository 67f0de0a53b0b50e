/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import dev.tdb.proxy.internal.protocol.frontend.CancelRequest;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

final class CancelRegistryTest {
  private static final InetSocketAddress ONE = new InetSocketAddress("127.0.0.1", 5432);
  private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 5432);

  @Test
  void aClientGetsTheBackendsProcessIdWithASecretOfItsOwn() {
    CancelRegistry registry = new CancelRegistry(secrets(7));
    BackendKeyData backend = new BackendKeyData(4242, 123_456);

    BackendKeyData client = registry.register(ONE, backend);

    assertThat(client).isEqualTo(new BackendKeyData(4242, 7));
    assertThat(registry.find(new CancelRequest(4242, 7)))
        .hasValueSatisfying(
            target -> {
              assertThat(target.server()).isEqualTo(ONE);
              assertThat(target.backendKey()).isEqualTo(backend);
            });
  }

  @Test
  void theBackendsOwnSecretCancelsNothing() {
    CancelRegistry registry = new CancelRegistry(secrets(7));
    registry.register(ONE, new BackendKeyData(4242, 123_456));

    assertThat(registry.find(new CancelRequest(4242, 123_456))).isEmpty();
    assertThat(registry.find(new CancelRequest(4243, 7))).isEmpty();
  }

  @Test
  void backendsOfTwoServersWithOneProcessIdGetDifferentSecretsDrawnAgainOnACollision() {
    CancelRegistry registry = new CancelRegistry(secrets(7, 7, 9));
    BackendKeyData first = new BackendKeyData(4242, 1);
    BackendKeyData second = new BackendKeyData(4242, 2);

    BackendKeyData firstClient = registry.register(ONE, first);
    BackendKeyData secondClient = registry.register(OTHER, second);

    assertThat(List.of(firstClient, secondClient))
        .containsExactly(new BackendKeyData(4242, 7), new BackendKeyData(4242, 9));
    assertThat(registry.find(new CancelRequest(4242, 7)))
        .hasValueSatisfying(target -> assertThat(target.backendKey()).isEqualTo(first));
    assertThat(registry.find(new CancelRequest(4242, 9)))
        .hasValueSatisfying(target -> assertThat(target.backendKey()).isEqualTo(second));
  }

  @Test
  void unregisteringForgetsOnlyThatClientsKey() {
    CancelRegistry registry = new CancelRegistry(secrets(7, 9));
    BackendKeyData firstClient = registry.register(ONE, new BackendKeyData(4242, 1));
    registry.register(OTHER, new BackendKeyData(4242, 2));

    registry.unregister(firstClient);

    assertThat(registry.find(new CancelRequest(4242, 7))).isEmpty();
    assertThat(registry.find(new CancelRequest(4242, 9))).isPresent();
  }

  /** A random source whose {@code nextInt()} answers {@code values} in order. */
  private static SecureRandom secrets(int... values) {
    Queue<Integer> queue = new ArrayDeque<>();
    for (int value : values) {
      queue.add(value);
    }
    return new SecureRandom() {
      @Override
      public int nextInt() {
        return queue.remove();
      }
    };
  }
}
