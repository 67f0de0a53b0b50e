/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import dev.tdb.cli.serve.ConfigKey.Need;
import dev.tdb.cli.serve.ConfigKey.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's configuration: the values of its YAML file, each overridden by its environment
 * variable, checked against the service's keys. Unknown keys (in the file, or variables with the
 * service's prefix) are errors; every error names the key and where its value came from.
 */
final class ConfigFile {
  private static final String DOCS = "see docs/operations.md#configuration-reference";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(|kB|MB|GB)");

  /** Where values come from: the fix of a wrong one differs. */
  private enum Source {
    FILE,
    ENVIRONMENT,
    PROGRAM
  }

  /** A value and where it came from. */
  private record Value(List<String> items, String where, Source source) {
    String text() {
      return String.join(",", items);
    }
  }

  private final String envPrefix;
  private final Map<String, Value> values;

  private ConfigFile(String envPrefix, Map<String, Value> values) {
    this.envPrefix = envPrefix;
    this.values = values;
  }

  /**
   * Reads {@code file} and the environment.
   *
   * @param envPrefix the prefix of the overriding variables, {@code TDB_ADMIN_}
   * @throws ConfigException naming an unknown key, a secret written into the file, or a required
   *     key that has no value
   */
  static ConfigFile read(
      Path file, String envPrefix, List<ConfigKey> keys, Map<String, String> env) {
    Map<String, Value> values = new HashMap<>();
    readFile(file, keys, values);
    readEnvironment(envPrefix, keys, env, values);
    return checked(new ConfigFile(envPrefix, values), keys);
  }

  /**
   * The values a program gives, with no file and no environment: {@code tdb up}'s.
   *
   * @param envPrefix the prefix of the service's variables, for messages
   * @throws ConfigException naming a required key that has no value
   * @throws IllegalArgumentException for a key that is not one of {@code keys}
   */
  static ConfigFile given(String envPrefix, List<ConfigKey> keys, GivenValues given) {
    Map<String, Value> values = new HashMap<>();
    given
        .values()
        .forEach(
            (key, value) -> {
              if (!keys.contains(key)) {
                throw new IllegalArgumentException(key.name() + " is not a key of this service");
              }
              values.put(key.name(), new Value(value.items(), value.where(), Source.PROGRAM));
            });
    return checked(new ConfigFile(envPrefix, values), keys);
  }

  private static ConfigFile checked(ConfigFile config, List<ConfigKey> keys) {
    for (ConfigKey key : keys) {
      if (key.need() == Need.REQUIRED && !config.has(key)) {
        throw new ConfigException(
            key.fileName() + " is required",
            "set it in the file or in " + config.envNames(key) + "; " + DOCS);
      }
    }
    return config;
  }

  private static void readFile(Path file, List<ConfigKey> keys, Map<String, Value> values) {
    Map<String, ConfigKey> byFileName = new HashMap<>();
    keys.forEach(key -> byFileName.put(key.fileName(), key));
    for (Map.Entry<String, YamlValues.Raw> entry : YamlValues.read(file).entrySet()) {
      String name = entry.getKey();
      YamlValues.Raw raw = entry.getValue();
      ConfigKey key = byFileName.get(name);
      if (key == null) {
        throw unknown(name, raw.where(), byFileName);
      }
      if (raw.list() && key.type() != Type.LIST) {
        throw new ConfigException(
            name + " (" + raw.where() + ") must be a single value, not a list",
            "write it as " + name.substring(name.lastIndexOf('.') + 1) + ": VALUE");
      }
      if (raw.list()) {
        values.put(name, new Value(raw.items(), raw.where(), Source.FILE));
      } else if (!raw.items().isEmpty()) {
        List<String> items = key.type() == Type.LIST ? split(raw.items().get(0)) : raw.items();
        values.put(name, new Value(items, raw.where(), Source.FILE));
      }
    }
  }

  /**
   * Overrides with the service's variables. A secret's own variable is kept under the secret's name
   * and its {@code _FILE} variable under the file key's, so the secret itself wins.
   */
  private static void readEnvironment(
      String envPrefix, List<ConfigKey> keys, Map<String, String> env, Map<String, Value> values) {
    Map<String, ConfigKey> byEnv = new HashMap<>();
    for (ConfigKey key : keys) {
      byEnv.put(key.envName(envPrefix), key);
      if (key.type() == Type.SECRET) {
        byEnv.put(key.envName(envPrefix) + "_FILE", key);
      }
    }
    for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(envPrefix)) {
        continue;
      }
      ConfigKey key = byEnv.get(name);
      if (key == null) {
        throw new ConfigException(
            "unknown environment variable " + name + ": no configuration key has this name",
            "remove it, or correct its name; " + DOCS);
      }
      List<String> items =
          key.type() == Type.LIST ? split(variable.getValue()) : List.of(variable.getValue());
      boolean secretFile = key.type() == Type.SECRET && name.endsWith("_FILE");
      values.put(
          secretFile ? key.fileName() : key.name(),
          new Value(items, "environment variable " + name, Source.ENVIRONMENT));
    }
  }

  private static ConfigException unknown(
      String name, String where, Map<String, ConfigKey> byFileName) {
    if (byFileName.containsKey(name + "_file")
        && byFileName.get(name + "_file").type() == Type.SECRET) {
      return new ConfigException(
          name + " (" + where + ") is a secret, which is never read from the configuration file",
          "put it in a file readable only by the service and name that file in "
              + name
              + "_file, or pass it in the environment");
    }
    String section = name.contains(".") ? name.substring(0, name.lastIndexOf('.') + 1) : "";
    TreeSet<String> near = new TreeSet<>();
    byFileName.keySet().stream().filter(k -> k.startsWith(section)).forEach(near::add);
    return new ConfigException(
        "unknown key " + name + " (" + where + ")",
        (near.isEmpty() ? "" : "known keys here: " + String.join(", ", near) + "; ") + DOCS);
  }

  private static List<String> split(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  boolean has(ConfigKey key) {
    return values.containsKey(key.name()) || values.containsKey(key.fileName());
  }

  private String envNames(ConfigKey key) {
    String env = key.envName(envPrefix);
    return key.type() == Type.SECRET ? env + " or " + env + "_FILE" : env;
  }

  /** The value as text, or the default; empty for an optional key without a value. */
  Optional<String> text(ConfigKey key) {
    Value value = values.get(key.name());
    return value == null ? Optional.ofNullable(key.defaultValue()) : Optional.of(value.text());
  }

  /** The value of a key that has a default or is required. */
  String required(ConfigKey key) {
    return text(key).orElseThrow(() -> new IllegalStateException(key.name() + " has no default"));
  }

  long number(ConfigKey key) {
    String text = required(key);
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a whole number, got '" + text + "'");
    }
    return inRange(key, value, text);
  }

  long bytes(ConfigKey key) {
    String text = required(key);
    Matcher m = BYTES.matcher(text.trim());
    if (!m.matches()) {
      throw invalid(
          key, "must be a number of bytes (e.g. 1048576, 512kB, 64MB), got '" + text + "'");
    }
    int shift =
        switch (m.group(2)) {
          case "kB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          default -> 0;
        };
    long number;
    try {
      number = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw invalid(key, "is too large: '" + text + "'");
    }
    if (number > (Long.MAX_VALUE >> shift)) {
      throw invalid(key, "is too large: '" + text + "'");
    }
    return inRange(key, number << shift, text);
  }

  Duration duration(ConfigKey key) {
    String text = required(key).trim();
    Duration value;
    Matcher m = DURATION.matcher(text);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        value =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(n);
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        value = Duration.parse(text);
      }
      inRange(key, value.toMillis(), text);
    } catch (RuntimeException e) {
      if (e instanceof ConfigException config) {
        throw config;
      }
      throw invalid(key, "must be a duration such as 500ms, 30s, 5m, 2h or 7d, got '" + text + "'");
    }
    return value;
  }

  boolean bool(ConfigKey key) {
    String text = required(key).trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, "must be true or false, got '" + text + "'");
    };
  }

  Optional<Path> path(ConfigKey key) {
    return text(key).filter(s -> !s.isBlank()).map(Path::of);
  }

  List<String> list(ConfigKey key) {
    Value value = values.get(key.name());
    return value == null ? List.of() : List.copyOf(value.items());
  }

  String choice(ConfigKey key) {
    String text = required(key).trim().toLowerCase(Locale.ROOT);
    if (!key.choices().contains(text)) {
      throw invalid(
          key, "must be one of " + String.join(", ", key.choices()) + ", got '" + text + "'");
    }
    return text;
  }

  /**
   * The secret from its environment variable, else from the file that {@code <name>_file} names
   * (one trailing newline removed); empty when neither is given.
   */
  Optional<String> secret(ConfigKey key) {
    Value direct = values.get(key.name());
    if (direct != null) {
      return Optional.of(direct.text());
    }
    Value file = values.get(key.fileName());
    if (file == null) {
      return Optional.empty();
    }
    Path path = Path.of(file.text());
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    } catch (IOException e) {
      throw new ConfigException(
          key.fileName() + " (" + file.where() + "): cannot read " + path + ": " + e.getMessage(),
          "make the file readable by the service, or pass the secret in " + key.envName(envPrefix));
    }
  }

  /** An error about {@code key}'s value, naming where it came from. */
  ConfigException invalid(ConfigKey key, String problem) {
    Value value = values.get(key.name());
    if (value == null) {
      value = values.get(key.fileName());
    }
    String where = value == null ? "default" : value.where();
    String fix =
        value != null && value.source() == Source.PROGRAM
            ? "correct " + where
            : "correct it in the file or in " + envNames(key) + "; " + DOCS;
    return new ConfigException(key.fileName() + " (" + where + ") " + problem, fix);
  }

  private long inRange(ConfigKey key, long value, String text) {
    if (value < key.min() || value > key.max()) {
      throw invalid(
          key,
          "must be from "
              + bound(key, key.min())
              + " to "
              + bound(key, key.max())
              + ", got "
              + text);
    }
    return value;
  }

  /** A bound as it would be written: durations in their largest whole unit. */
  private static String bound(ConfigKey key, long value) {
    if (key.type() != Type.DURATION || value == 0) {
      return Long.toString(value);
    }
    long[] units = {86_400_000, 3_600_000, 60_000, 1000};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (value % units[i] == 0) {
        return value / units[i] + names[i];
      }
    }
    return value + "ms";
  }
}
