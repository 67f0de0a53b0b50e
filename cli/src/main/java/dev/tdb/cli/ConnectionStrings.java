/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How to connect to a logical database: a {@code postgresql://} URL through the tdb proxy (for psql
 * and every other PostgreSQL client) and a {@code jdbc:tdb:} URL (the driver asks the admin service
 * for the route), with a data-plane credential's user and secret, or placeholders for them.
 *
 * @param admin the admin service's base URL
 * @param user the credential's user, or {@link #USER}
 * @param secret the credential's secret, or {@link #SECRET}
 * @param proxy where the proxy listens, when known
 */
public record ConnectionStrings(
    URI admin, String user, String secret, Optional<ProxyEndpoint> proxy) {
  /** What stands for the user of a credential the reader issues. */
  static final String USER = "<credential-user>";

  /** What stands for the secret of a credential the reader issues. */
  static final String SECRET = "<secret>";

  /** URLs with placeholders for a credential's user and secret, never an account's. */
  static ConnectionStrings placeholders(URI admin, Optional<ProxyEndpoint> proxy) {
    return new ConnectionStrings(admin, USER, SECRET, proxy);
  }

  /** The same URLs with a credential's user and secret. */
  ConnectionStrings with(String credentialUser, String credentialSecret) {
    return new ConnectionStrings(admin, credentialUser, credentialSecret, proxy);
  }

  private static final String HEX = "0123456789ABCDEF";

  /** Whether the user and secret are placeholders the reader fills in. */
  boolean hasPlaceholders() {
    return USER.equals(user) || SECRET.equals(secret);
  }

  /** A user or secret as a URL part; a placeholder stays as it is, to be read and replaced. */
  private static String encode(String value) {
    return USER.equals(value) || SECRET.equals(value)
        ? value
        : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The {@code jdbc:tdb:} URL of a logical database. */
  public String jdbc(String logicalName) {
    return "jdbc:tdb://"
        + admin.getHost()
        + ":"
        + admin.getPort()
        + "/"
        + logicalName
        + "?user="
        + encode(user)
        + "&password="
        + encode(secret)
        + ("https".equals(admin.getScheme()) ? "&adminScheme=https" : "");
  }

  /** The {@code postgresql://} URL of a logical database through the proxy, when it is known. */
  public Optional<String> psql(String logicalName) {
    return proxy.map(
        p ->
            "postgresql://"
                + encode(user)
                + ":"
                + encode(secret)
                + "@"
                + p.host()
                + ":"
                + p.port()
                + "/"
                + logicalName
                + "?sslmode=require"
                + (p.certificateAuthority() == null
                    ? ""
                    : "&sslrootcert=" + encodePath(p.certificateAuthority())));
  }

  /**
   * The host of a URL that reaches a proxy listening on {@code listenHost}: the loopback address
   * for a wildcard address, an IPv6 literal in brackets.
   */
  public static String urlHost(String listenHost) {
    return switch (listenHost) {
      case "", "0.0.0.0", "::", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
      default -> listenHost.indexOf(':') >= 0 ? "[" + listenHost + "]" : listenHost;
    };
  }

  /**
   * A path as a URL query value that libpq and node-postgres both decode back to it: percent
   * escapes for everything but unreserved characters and {@code /}, never {@code +} for a space
   * (libpq keeps a {@code +} as it is).
   */
  static String encodePath(String path) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isUnreserved(c) || c == '/') {
        encoded.append(c);
      } else {
        encoded.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
      }
    }
    return encoded.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
