/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One key of a service's configuration file: its dotted name ({@code metadata.pool_size} is {@code
 * pool_size:} under {@code metadata:}), its type, its default and its range.
 *
 * @param name the dotted name
 * @param type how the value is read
 * @param need whether the key must be given, may be left out, or has a default
 * @param defaultValue the default as it would be written in the file, or null
 * @param min the smallest value (numbers: the value; durations: milliseconds; bytes: bytes)
 * @param max the largest value, in the same unit
 * @param choices the values an {@link Type#CHOICE} key accepts
 */
public record ConfigKey(
    String name,
    Type type,
    Need need,
    String defaultValue,
    long min,
    long max,
    List<String> choices) {
  /** How a value is read. */
  public enum Type {
    /** Text as given. */
    STRING,
    /** A whole number within the range. */
    INT,
    /** A number of bytes, with an optional {@code kB}, {@code MB} or {@code GB} (1024-based). */
    BYTES,
    /**
     * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code PT30S}).
     */
    DURATION,
    /** {@code true} or {@code false}. */
    BOOL,
    /** A file or directory. */
    PATH,
    /** A YAML list, or items separated by commas. */
    LIST,
    /** One of {@link #choices}. */
    CHOICE,
    /**
     * A secret: never in the file itself, but read from the file that {@code <name>_file} names, or
     * from the environment variable.
     */
    SECRET
  }

  /** Whether a key must be given. */
  public enum Need {
    REQUIRED,
    OPTIONAL,
    DEFAULTED
  }

  /** Checks the fields and copies the choices. */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(need, "need");
    choices = List.copyOf(choices);
  }

  static ConfigKey required(String name, Type type) {
    return new ConfigKey(name, type, Need.REQUIRED, null, 0, 0, List.of());
  }

  static ConfigKey optional(String name, Type type) {
    return new ConfigKey(name, type, Need.OPTIONAL, null, 0, 0, List.of());
  }

  static ConfigKey text(String name, String defaultValue) {
    return new ConfigKey(name, Type.STRING, Need.DEFAULTED, defaultValue, 0, 0, List.of());
  }

  static ConfigKey number(String name, long defaultValue, long min, long max) {
    return new ConfigKey(
        name, Type.INT, Need.DEFAULTED, Long.toString(defaultValue), min, max, List.of());
  }

  static ConfigKey bytes(String name, String defaultValue, long min, long max) {
    return new ConfigKey(name, Type.BYTES, Need.DEFAULTED, defaultValue, min, max, List.of());
  }

  static ConfigKey duration(String name, String defaultValue, long minMillis, long maxMillis) {
    return new ConfigKey(
        name, Type.DURATION, Need.DEFAULTED, defaultValue, minMillis, maxMillis, List.of());
  }

  static ConfigKey bool(String name, boolean defaultValue) {
    return new ConfigKey(
        name, Type.BOOL, Need.DEFAULTED, Boolean.toString(defaultValue), 0, 0, List.of());
  }

  static ConfigKey list(String name) {
    return new ConfigKey(name, Type.LIST, Need.DEFAULTED, "", 0, 0, List.of());
  }

  static ConfigKey choice(String name, String defaultValue, List<String> choices) {
    return new ConfigKey(name, Type.CHOICE, Need.DEFAULTED, defaultValue, 0, 0, choices);
  }

  /** The name this key has in the file: a secret's is that of the file holding it. */
  public String fileName() {
    return type == Type.SECRET ? name + "_file" : name;
  }

  /** The environment variable that overrides this key: {@code TDB_ADMIN_METADATA_POOL_SIZE}. */
  public String envName(String prefix) {
    return prefix + name.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
