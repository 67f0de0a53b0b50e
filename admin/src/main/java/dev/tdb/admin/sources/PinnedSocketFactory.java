/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.sources;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * A pgjdbc {@code socketFactory} whose sockets connect to one address, whatever host name the
 * connection URL gives: the address the {@link SourceGate} checked a name resolves to. The driver
 * still uses the name for TLS (server name and certificate check), as libpq does with {@code
 * hostaddr}, while a name that resolves elsewhere by the time the driver connects (DNS rebinding)
 * cannot take the connection anywhere unchecked.
 *
 * <p>pgjdbc makes one per connection from the property {@code socketFactoryArg}: the address as a
 * literal, so that reading it asks no DNS.
 */
public final class PinnedSocketFactory extends SocketFactory {
  private final InetAddress address;

  /**
   * A factory connecting to {@code address}, an IPv4 or IPv6 literal.
   *
   * @throws IllegalArgumentException when it is not a literal address
   */
  public PinnedSocketFactory(String address) {
    if (!HostAllowlist.isLiteral(address)) {
      throw new IllegalArgumentException("not an address literal: " + address);
    }
    try {
      this.address = InetAddress.getByName(address);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an address literal: " + address, e);
    }
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(
            new InetSocketAddress(address, ((InetSocketAddress) endpoint).getPort()), timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return new Socket(address, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return new Socket(address, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return new Socket(address, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return new Socket(address, port, localHost, localPort);
  }
}
