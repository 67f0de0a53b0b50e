/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.settings;

import java.util.List;
import java.util.Locale;

/** The settings a workspace applies to all its tenants: key, default, range and meaning. */
public enum Setting {
  /** Rows a query may return before it ends with an error; 0 means no limit. */
  MAX_ROWS_PER_QUERY(
      "max_rows_per_query",
      100_000,
      0,
      1_000_000_000,
      "rows a query may return before it ends with SQLSTATE 54000; 0 means no limit"),
  /** Default and ceiling of every statement's timeout, in milliseconds; 0 means no limit. */
  QUERY_TIMEOUT_MS(
      "query_timeout_ms",
      30_000,
      0,
      86_400_000,
      "default and ceiling of every statement's timeout in milliseconds; 0 means no limit"),
  /**
   * Open connections allowed per logical database. The default leaves most of a cluster's
   * connections to the other tenants and the admin service.
   */
  MAX_CONNECTIONS("max_connections", 20, 1, 10_000, "open connections per logical database"),
  /** Whether tenants may create temporary tables, views and sequences. */
  ALLOW_TEMP_TABLES(
      "allow_temp_tables", 1, 0, 1, "whether tenants may create temporary tables (true/false)"),
  /**
   * Whether tenants may take advisory locks. Off by default: every advisory lock takes a slot of
   * the cluster's shared lock table, which one tenant could otherwise fill for all.
   */
  ALLOW_ADVISORY_LOCKS(
      "allow_advisory_locks",
      0,
      0,
      1,
      "whether tenants may take advisory locks, which use the cluster's shared lock table"
          + " (true/false)"),
  /** How long a tenant session may stay idle inside a transaction; 0 means no limit. */
  IDLE_IN_TRANSACTION_TIMEOUT_MS(
      "idle_in_transaction_timeout_ms",
      60_000,
      0,
      86_400_000,
      "milliseconds a tenant session may sit idle in an open transaction before the server ends"
          + " it; 0 means no limit"),
  /** Temporary file space one tenant session may use, in kilobytes; 0 means no limit. */
  TEMP_FILE_LIMIT_KB(
      "temp_file_limit_kb",
      1_048_576,
      0,
      2_147_483_647,
      "kilobytes of temporary files (sorts, hashes) one tenant session may use; 0 means no limit"),
  /** Default and ceiling of a tenant session's {@code work_mem}, in kilobytes. */
  WORK_MEM_KB(
      "work_mem_kb",
      4_096,
      64,
      16_777_216,
      "default and ceiling of work_mem in kilobytes for tenant sessions (memory per sort or hash)"),
  /**
   * Which statements the proxy logs one by one ({@link QueryLogMode}); statement statistics count
   * every statement whatever this says.
   */
  QUERY_LOG(
      "query_log",
      QueryLogMode.keys(),
      QueryLogMode.OFF.key(),
      "which statements the proxy logs one by one: off, all, or slow (at least"
          + " query_log_min_duration_ms); statistics count every statement either way"),
  /** The share of the statements {@link #QUERY_LOG} selects that are logged, in percent. */
  QUERY_LOG_SAMPLE_PERCENT(
      "query_log_sample_percent",
      100,
      0,
      100,
      "percent of the statements query_log selects that are logged (a random sample)"),
  /** The least duration of a statement that {@code query_log = slow} logs, in milliseconds. */
  QUERY_LOG_MIN_DURATION_MS(
      "query_log_min_duration_ms",
      1_000,
      0,
      86_400_000,
      "milliseconds a statement must take for query_log = slow to log it"),
  /** Whether logged statements keep their constants; otherwise their normalized text is logged. */
  QUERY_LOG_LITERALS(
      "query_log_literals",
      0,
      0,
      1,
      "whether logged statements keep their literals (true/false); off, the log keeps the"
          + " normalized text with $n placeholders"),
  /**
   * How long a proxy client holds a server connection ({@link PoolMode}): its session, or one
   * transaction at a time.
   */
  POOL_MODE(
      "pool_mode",
      PoolMode.keys(),
      PoolMode.SESSION.key(),
      "how long a proxy client holds a server connection: session (its whole session) or"
          + " transaction (one transaction at a time; SET is carried along, what else outlives a"
          + " transaction is refused)");

  private final String key;
  private final long defaultValue;
  private final long min;
  private final long max;
  private final List<String> choices;
  private final String defaultChoice;
  private final String description;

  Setting(String key, long defaultValue, long min, long max, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.choices = List.of();
    this.defaultChoice = null;
    this.description = description;
  }

  Setting(String key, List<String> choices, String defaultChoice, String description) {
    this.key = key;
    this.defaultValue = 0;
    this.min = 0;
    this.max = 0;
    this.choices = choices;
    this.defaultChoice = defaultChoice;
    this.description = description;
  }

  /** The key as it appears in JSON, the REST API and the CLI. */
  public String key() {
    return key;
  }

  /** What the setting means. */
  public String description() {
    return description;
  }

  /** True for a true/false setting. */
  public boolean isBoolean() {
    return this == ALLOW_TEMP_TABLES || this == ALLOW_ADVISORY_LOCKS || this == QUERY_LOG_LITERALS;
  }

  /** The values a setting that takes one of a few words allows; empty for the others. */
  public List<String> choices() {
    return choices;
  }

  /** The default value, as a Long, a Boolean or (for a setting with choices) a String. */
  public Object defaultValue() {
    if (!choices.isEmpty()) {
      return defaultChoice;
    }
    return isBoolean() ? defaultValue == 1 : defaultValue;
  }

  /** Smallest allowed value of a numeric setting. */
  public long min() {
    return min;
  }

  /** Largest allowed value of a numeric setting. */
  public long max() {
    return max;
  }

  /** The setting with {@code key}. */
  public static Setting fromKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return setting;
      }
    }
    throw new InvalidSettingException(
        key, "unknown setting '" + key + "'; known settings: " + keys());
  }

  /** All keys, comma separated. */
  public static String keys() {
    StringBuilder keys = new StringBuilder();
    for (Setting setting : values()) {
      keys.append(keys.length() == 0 ? "" : ", ").append(setting.key);
    }
    return keys.toString();
  }

  /**
   * Parses and validates a raw value (a JSON number, boolean or string).
   *
   * @return a Long for numeric settings, a Boolean for true/false ones, a String (one of {@link
   *     #choices()}) for the others
   * @throws InvalidSettingException naming the key and the allowed range when the value is invalid
   */
  public Object parse(Object raw) {
    if (!choices.isEmpty()) {
      return parseChoice(raw);
    }
    return isBoolean() ? parseBoolean(raw) : parseLong(raw);
  }

  private String parseChoice(Object raw) {
    String text = raw == null ? "" : raw.toString().trim().toLowerCase(Locale.ROOT);
    if (!choices.contains(text)) {
      throw invalid(raw, "one of " + String.join(", ", choices));
    }
    return text;
  }

  private Boolean parseBoolean(Object raw) {
    if (raw instanceof Boolean value) {
      return value;
    }
    String text = raw == null ? "" : raw.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "on", "yes", "1" -> Boolean.TRUE;
      case "false", "off", "no", "0" -> Boolean.FALSE;
      default -> throw invalid(raw, "true or false");
    };
  }

  private Long parseLong(Object raw) {
    long value;
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      value = ((Number) raw).longValue();
    } else if (raw instanceof String text && text.trim().matches("-?[0-9]{1,18}")) {
      value = Long.parseLong(text.trim());
    } else {
      throw invalid(raw, rangeText());
    }
    if (value < min || value > max) {
      throw invalid(raw, rangeText());
    }
    return value;
  }

  private String rangeText() {
    return "an integer from " + min + " to " + max;
  }

  private InvalidSettingException invalid(Object raw, String expected) {
    String shown = raw instanceof String ? "'" + raw + "'" : String.valueOf(raw);
    return new InvalidSettingException(key, key + " must be " + expected + ", got " + shown);
  }
}
