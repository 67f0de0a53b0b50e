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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a free loopback port in front of a service: each connection a client makes is
 * matched by one to the service, and a thread per direction passes what it reads to a {@link Leg}
 * made for that direction of that connection, which decides what reaches the other side.
 */
abstract class TcpRelay implements AutoCloseable {
  /** One direction of one relayed connection. */
  interface Leg {
    /** Handles {@code n} bytes just read into {@code buffer}; {@code to} is the other side. */
    void pass(byte[] buffer, int n, OutputStream to) throws IOException;
  }

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** A relay to {@code target} that accepts nothing before {@link #start()}. */
  TcpRelay(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** Starts accepting connections, once the subclass is ready to make legs. */
  final void start() {
    Thread acceptor = new Thread(this::accept, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the relay listens on at 127.0.0.1. */
  final int port() {
    return listener.getLocalPort();
  }

  /** The leg for the bytes a new connection's client sends to the service. */
  abstract Leg upstream();

  /** The leg for the bytes the service sends to a new connection's client. */
  abstract Leg downstream();

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pump(client, server, upstream());
        pump(server, client, downstream());
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to, Leg leg) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  leg.pass(buffer, n, out);
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
