/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deterministic hash over a canonical description of a database's user schemas (tables, columns
 * with types, defaults and nullability, constraints, indexes, view definitions, sequences,
 * functions, types, triggers, policies), without {@code tdb_catalog} and anything volatile, so two
 * databases built from the same changes have the same fingerprint.
 *
 * @param version the blueprint version in the database's {@code tdb_catalog.schema_version}, or -1
 *     when it has none
 * @param hash the SHA-256 of the description, in hex
 * @param objects each described object ({@code kind name}) with its definition
 */
public record CatalogFingerprint(int version, String hash, Map<String, String> objects) {
  private static final String DESCRIPTION = script();

  /**
   * Describes the database behind {@code connection} (any role that can read the system catalogs).
   *
   * @throws SQLException when the catalogs cannot be read
   */
  public static CatalogFingerprint of(Connection connection) throws SQLException {
    Map<String, String> objects = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT set_config('search_path', '', false)");
      try (ResultSet rs = statement.executeQuery(DESCRIPTION)) {
        while (rs.next()) {
          objects.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
        }
      }
      return new CatalogFingerprint(version(statement), hash(objects), objects);
    }
  }

  /**
   * The first object, in description order, that differs between this database and {@code other}.
   */
  public Optional<Difference> firstDifference(CatalogFingerprint other) {
    TreeSet<String> names = new TreeSet<>(objects.keySet());
    names.addAll(other.objects.keySet());
    for (String name : names) {
      String mine = objects.get(name);
      String theirs = other.objects.get(name);
      if (!Objects.equals(mine, theirs)) {
        return Optional.of(new Difference(name, mine, theirs));
      }
    }
    return Optional.empty();
  }

  /**
   * One object that differs.
   *
   * @param object what it is and its name, e.g. {@code column public.items.name}
   * @param here its definition in this database, or null when it is missing here
   * @param there its definition in the other database, or null when it is missing there
   */
  public record Difference(String object, String here, String there) {}

  /** Hashes the objects in their (Java string) order, so the server's collation plays no part. */
  private static String hash(Map<String, String> objects) {
    MessageDigest digest = sha256();
    objects.forEach(
        (object, definition) ->
            digest.update((object + "\t" + definition + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static int version(Statement statement) throws SQLException {
    try (ResultSet rs =
        statement.executeQuery("SELECT to_regclass('tdb_catalog.schema_version') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return -1;
      }
    }
    try (ResultSet rs = statement.executeQuery("SELECT version FROM tdb_catalog.schema_version")) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String script() {
    try (InputStream in = CatalogFingerprint.class.getResourceAsStream("catalog-description.sql")) {
      if (in == null) {
        throw new IllegalStateException("catalog-description.sql is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
