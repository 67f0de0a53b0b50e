/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a service that can be frozen: while frozen it keeps accepting connections
 * and reading what clients send, but forwards nothing either way, as a hung (not stopped) service
 * behaves. Counts what it held back.
 */
final class FreezableRelay extends TcpRelay {
  private final AtomicLong heldBytes = new AtomicLong();
  private volatile boolean frozen;

  private FreezableRelay(InetSocketAddress target) throws IOException {
    super(target);
  }

  /** A relay on a free loopback port to the host and port of {@code uri}. */
  static FreezableRelay to(URI uri) throws IOException {
    FreezableRelay relay = new FreezableRelay(new InetSocketAddress(uri.getHost(), uri.getPort()));
    relay.start();
    return relay;
  }

  /** {@code uri} with the relay's host and port in place of the service's. */
  URI in(URI uri) {
    return URI.create("http://127.0.0.1:" + port() + uri.getRawPath());
  }

  /** Stops forwarding, on open connections and new ones. */
  void freeze() {
    frozen = true;
  }

  /** Bytes clients sent while the relay was frozen, none of which reached the service. */
  long heldBytes() {
    return heldBytes.get();
  }

  @Override
  Leg upstream() {
    return (buffer, n, to) -> {
      if (frozen) {
        heldBytes.addAndGet(n);
      } else {
        to.write(buffer, 0, n);
      }
    };
  }

  @Override
  Leg downstream() {
    return (buffer, n, to) -> {
      if (!frozen) {
        to.write(buffer, 0, n);
      }
    };
  }
}
