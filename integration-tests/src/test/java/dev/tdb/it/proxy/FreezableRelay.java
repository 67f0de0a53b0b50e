/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a service that can be frozen: while frozen it keeps accepting connections
 * and reading what clients send, but forwards nothing either way, as a hung (not stopped) service
 * behaves. Counts what it held back.
 */
final class FreezableRelay implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong heldBytes = new AtomicLong();
  private volatile boolean frozen;

  private FreezableRelay(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A relay on a free loopback port to the host and port of {@code uri}. */
  static FreezableRelay to(URI uri) throws IOException {
    return new FreezableRelay(new InetSocketAddress(uri.getHost(), uri.getPort()));
  }

  /** {@code uri} with the relay's host and port in place of the service's. */
  URI in(URI uri) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + uri.getRawPath());
  }

  /** Stops forwarding, on open connections and new ones. */
  void freeze() {
    frozen = true;
  }

  /** Bytes clients sent while the relay was frozen, none of which reached the service. */
  long heldBytes() {
    return heldBytes.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean counted) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  if (!frozen) {
                    out.write(buffer, 0, n);
                  } else if (counted) {
                    heldBytes.addAndGet(n);
                  }
                }
              } catch (IOException e) {
                // One side closed: the other goes too.
              }
            },
            "relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
