/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * What {@code tdb up} keeps between runs in the tdb home ({@code ~/.tdb}): the key that encrypts
 * stored secrets and the embedded server's superuser password, each created once, readable by the
 * owner only.
 */
final class LocalFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET_KEY = "secret.key";
  private static final String PROXY_API_KEY = "proxy-api-key";

  private final Path home;

  LocalFiles(Path home) {
    this.home = home;
  }

  Path home() {
    return home;
  }

  /** The AES-256 key for stored secrets, base64, created on first use. */
  String secretKey() throws IOException {
    return readOrCreate(SECRET_KEY, 32);
  }

  /** The file of {@link #secretKey()}. */
  Path secretKeyFile() {
    return home.resolve(SECRET_KEY);
  }

  /** The embedded server's superuser password, created on first use. */
  String postgresPassword() throws IOException {
    return readOrCreate("postgres.password", 24);
  }

  /** The file of {@link #proxyApiKey()}. */
  Path proxyApiKeyFile() {
    return home.resolve(PROXY_API_KEY);
  }

  /** The API key the proxy started by {@code tdb up} uses, if one was kept. */
  Optional<String> proxyApiKey() throws IOException {
    Path file = proxyApiKeyFile();
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
        : Optional.empty();
  }

  /** Keeps the proxy's API key, readable by the owner only. */
  void keepProxyApiKey(String key) throws IOException {
    writePrivate(PROXY_API_KEY, key);
  }

  /** Where the proxy keeps its local CA and the certificate the CA signs. */
  Path proxyTlsDirectory() {
    return home.resolve("proxy-tls");
  }

  /**
   * Where the embedded cluster lives: under the tdb home, unless the server could not reach it.
   * PostgreSQL runs as {@code nobody} when tdb runs as root, and root's home is closed to others,
   * so a root user's cluster goes to {@code /var/lib/tdb/postgres}.
   */
  Path postgresDirectory() throws IOException {
    Path preferred = home.resolve("postgres");
    if (!isRoot() || reachableByOthers(home.toAbsolutePath().getParent())) {
      return preferred;
    }
    return Path.of("/var/lib/tdb/postgres");
  }

  private static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  private static boolean reachableByOthers(Path directory) throws IOException {
    for (Path p = directory; p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private String readOrCreate(String name, int bytes) throws IOException {
    Path file = home.resolve(name);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    Files.createDirectories(home);
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    String value =
        name.endsWith(".key")
            ? Base64.getEncoder().encodeToString(random)
            : Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    writePrivate(name, value);
    return value;
  }

  private void writePrivate(String name, String value) throws IOException {
    Files.createDirectories(home);
    Path temp = Files.createTempFile(home, name, ".tmp");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
    Files.move(temp, home.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
