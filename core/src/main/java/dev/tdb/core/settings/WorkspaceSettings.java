/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The validated settings of one workspace, applied to every tenant of its blueprint. Immutable: a
 * change builds a new value ({@link #with}), which callers swap in whole.
 *
 * @param maxRowsPerQuery rows a query may return; 0 means no limit
 * @param queryTimeoutMs default and ceiling of statement timeouts; 0 means no limit
 * @param maxConnections open connections per logical database
 * @param allowTempTables whether tenants may create temporary objects
 * @param allowAdvisoryLocks whether tenants may take advisory locks
 * @param idleInTransactionTimeoutMs how long a session may idle in a transaction; 0 means no limit
 * @param tempFileLimitKb temporary file space per session in kB; 0 means no limit
 * @param workMemKb default and ceiling of {@code work_mem} in kB
 * @param queryLog which statements the proxy logs one by one
 * @param queryLogSamplePercent percent of those statements logged
 * @param queryLogMinDurationMs the least duration {@link QueryLogMode#SLOW} logs
 * @param queryLogLiterals whether logged statements keep their constants
 * @param poolMode how long a proxy client holds a server connection
 */
@JsonPropertyOrder({
  "max_rows_per_query",
  "query_timeout_ms",
  "max_connections",
  "allow_temp_tables",
  "allow_advisory_locks",
  "idle_in_transaction_timeout_ms",
  "temp_file_limit_kb",
  "work_mem_kb",
  "query_log",
  "query_log_sample_percent",
  "query_log_min_duration_ms",
  "query_log_literals",
  "pool_mode"
})
public record WorkspaceSettings(
    @JsonProperty("max_rows_per_query") long maxRowsPerQuery,
    @JsonProperty("query_timeout_ms") long queryTimeoutMs,
    @JsonProperty("max_connections") int maxConnections,
    @JsonProperty("allow_temp_tables") boolean allowTempTables,
    @JsonProperty("allow_advisory_locks") boolean allowAdvisoryLocks,
    @JsonProperty("idle_in_transaction_timeout_ms") long idleInTransactionTimeoutMs,
    @JsonProperty("temp_file_limit_kb") long tempFileLimitKb,
    @JsonProperty("work_mem_kb") long workMemKb,
    @JsonProperty("query_log") QueryLogMode queryLog,
    @JsonProperty("query_log_sample_percent") long queryLogSamplePercent,
    @JsonProperty("query_log_min_duration_ms") long queryLogMinDurationMs,
    @JsonProperty("query_log_literals") boolean queryLogLiterals,
    @JsonProperty("pool_mode") PoolMode poolMode) {

  private static final WorkspaceSettings DEFAULTS = fromMap(Map.of());

  /** Checks every value against its setting's range. */
  public WorkspaceSettings {
    Setting.MAX_ROWS_PER_QUERY.parse(maxRowsPerQuery);
    Setting.QUERY_TIMEOUT_MS.parse(queryTimeoutMs);
    Setting.MAX_CONNECTIONS.parse(maxConnections);
    Setting.IDLE_IN_TRANSACTION_TIMEOUT_MS.parse(idleInTransactionTimeoutMs);
    Setting.TEMP_FILE_LIMIT_KB.parse(tempFileLimitKb);
    Setting.WORK_MEM_KB.parse(workMemKb);
    Objects.requireNonNull(queryLog, "queryLog");
    Setting.QUERY_LOG_SAMPLE_PERCENT.parse(queryLogSamplePercent);
    Setting.QUERY_LOG_MIN_DURATION_MS.parse(queryLogMinDurationMs);
    Objects.requireNonNull(poolMode, "poolMode");
  }

  /** The defaults of every setting. */
  public static WorkspaceSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Builds settings from keys and raw values (as parsed from JSON); missing keys take defaults.
   *
   * @throws InvalidSettingException for an unknown key or a value out of range
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static WorkspaceSettings fromMap(Map<String, Object> raw) {
    Map<Setting, Object> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      values.put(setting, setting.defaultValue());
    }
    raw.forEach(
        (key, value) -> {
          Setting setting = Setting.fromKey(key);
          values.put(setting, setting.parse(value));
        });
    return new WorkspaceSettings(
        (Long) values.get(Setting.MAX_ROWS_PER_QUERY),
        (Long) values.get(Setting.QUERY_TIMEOUT_MS),
        ((Long) values.get(Setting.MAX_CONNECTIONS)).intValue(),
        (Boolean) values.get(Setting.ALLOW_TEMP_TABLES),
        (Boolean) values.get(Setting.ALLOW_ADVISORY_LOCKS),
        (Long) values.get(Setting.IDLE_IN_TRANSACTION_TIMEOUT_MS),
        (Long) values.get(Setting.TEMP_FILE_LIMIT_KB),
        (Long) values.get(Setting.WORK_MEM_KB),
        QueryLogMode.of((String) values.get(Setting.QUERY_LOG)),
        (Long) values.get(Setting.QUERY_LOG_SAMPLE_PERCENT),
        (Long) values.get(Setting.QUERY_LOG_MIN_DURATION_MS),
        (Boolean) values.get(Setting.QUERY_LOG_LITERALS),
        PoolMode.of((String) values.get(Setting.POOL_MODE)));
  }

  /** These settings with one value changed. */
  public WorkspaceSettings with(Setting setting, Object rawValue) {
    Map<String, Object> changed = toMap();
    changed.put(setting.key(), setting.parse(rawValue));
    return fromMap(changed);
  }

  /** Keys to values, in the order of {@link Setting}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(Setting.MAX_ROWS_PER_QUERY.key(), maxRowsPerQuery);
    map.put(Setting.QUERY_TIMEOUT_MS.key(), queryTimeoutMs);
    map.put(Setting.MAX_CONNECTIONS.key(), (long) maxConnections);
    map.put(Setting.ALLOW_TEMP_TABLES.key(), allowTempTables);
    map.put(Setting.ALLOW_ADVISORY_LOCKS.key(), allowAdvisoryLocks);
    map.put(Setting.IDLE_IN_TRANSACTION_TIMEOUT_MS.key(), idleInTransactionTimeoutMs);
    map.put(Setting.TEMP_FILE_LIMIT_KB.key(), tempFileLimitKb);
    map.put(Setting.WORK_MEM_KB.key(), workMemKb);
    map.put(Setting.QUERY_LOG.key(), queryLog.key());
    map.put(Setting.QUERY_LOG_SAMPLE_PERCENT.key(), queryLogSamplePercent);
    map.put(Setting.QUERY_LOG_MIN_DURATION_MS.key(), queryLogMinDurationMs);
    map.put(Setting.QUERY_LOG_LITERALS.key(), queryLogLiterals);
    map.put(Setting.POOL_MODE.key(), poolMode.key());
    return map;
  }
}
