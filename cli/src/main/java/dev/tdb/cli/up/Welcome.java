/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import dev.tdb.cli.Profile;
import dev.tdb.core.routing.RoutingEntry;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code tdb up} prints once everything runs: where things are and how to connect. */
final class Welcome {
  private static final String HEX = "0123456789ABCDEF";

  private final PrintWriter out;
  private final URI admin;
  private final Profile profile;
  private final PostgresServer postgres;
  private final Path home;

  Welcome(PrintWriter out, URI admin, Profile profile, PostgresServer postgres, Path home) {
    this.out = out;
    this.admin = admin;
    this.profile = profile;
    this.postgres = postgres;
    this.home = home;
  }

  /**
   * Where the proxy listens and the CA file clients verify it with.
   *
   * @param host the address it listens on
   * @param port its port
   * @param certificateAuthority the absolute path of the local CA's PEM file, empty when the proxy
   *     has no generated certificate
   */
  record Proxy(String host, int port, Optional<Path> certificateAuthority) {}

  void print(List<RoutingEntry> entries, Proxy proxy) {
    out.println();
    out.println("tdb is up.");
    out.println();
    out.println(
        "  Admin API    " + admin + "   (OpenAPI: " + admin.resolve("v1/openapi.json") + ")");
    out.println("  Account      " + profile.user() + "   secret " + profile.secret());
    out.println("               (saved in " + Profile.file(home) + ", which ./tdb reads)");
    out.println(
        "  PostgreSQL   "
            + postgres.host()
            + ":"
            + postgres.port()
            + (postgres.isEmbedded() ? "   embedded, data in " + postgres.dataDirectory() : ""));
    out.println();
    out.println(
        "Databases through the tdb proxy (any PostgreSQL client; policy and settings enforced):");
    int width = entries.stream().mapToInt(e -> e.logicalName().length()).max().orElse(0);
    for (RoutingEntry entry : entries) {
      out.printf(
          "  %-" + width + "s  %-9s  psql \"%s\"%n",
          entry.logicalName(),
          entry.mode().json(),
          proxyUrl(proxy, entry.logicalName()));
    }
    out.println();
    out.println("Java (the jdbc:tdb: driver, module driver; policy and settings enforced):");
    for (RoutingEntry entry : entries) {
      out.printf("  %-" + width + "s  %s%n", entry.logicalName(), jdbcUrl(entry.logicalName()));
    }
    out.println();
    out.println("Try:");
    out.println("  ./tdb tenants list");
    out.println("  ./tdb tenants create myapp__globex");
    out.println("  ./tdb workspaces settings myapp_workspace --set query_timeout_ms=5000");
    out.println(
        "  curl -u "
            + profile.user()
            + ":"
            + profile.secret()
            + " "
            + admin.resolve("v1/routing/myapp__acme"));
    out.println();
    out.println("Ctrl-C stops tdb; ./tdb up again finds everything as it was.");
    out.flush();
  }

  private String jdbcUrl(String logicalName) {
    return "jdbc:tdb://"
        + admin.getHost()
        + ":"
        + admin.getPort()
        + "/"
        + logicalName
        + "?user="
        + profile.user()
        + "&password="
        + URLEncoder.encode(profile.secret(), StandardCharsets.UTF_8)
        + ("https".equals(admin.getScheme()) ? "&adminScheme=https" : "");
  }

  private String proxyUrl(Proxy proxy, String logicalName) {
    return "postgresql://"
        + profile.user()
        + ":"
        + URLEncoder.encode(profile.secret(), StandardCharsets.UTF_8)
        + "@"
        + urlHost(proxy.host())
        + ":"
        + proxy.port()
        + "/"
        + logicalName
        + "?sslmode=require"
        + proxy.certificateAuthority().map(ca -> "&sslrootcert=" + encodePath(ca)).orElse("");
  }

  /**
   * The host of a URL that reaches a proxy listening on {@code listenHost}: the loopback address
   * for a wildcard address, an IPv6 literal in brackets.
   */
  static String urlHost(String listenHost) {
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
  static String encodePath(Path path) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : path.toString().getBytes(StandardCharsets.UTF_8)) {
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
