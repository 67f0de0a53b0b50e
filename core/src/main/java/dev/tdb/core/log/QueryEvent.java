/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.log;

import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.StatementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One statement as the query log records it, with its JSON line. The driver writes it now and the
 * proxy can write the same shape, so one log pipeline reads both. Statement parameters are no field
 * of it: only the SQL text, which carries placeholders, never the values bound to them; and the
 * text's own secrets (a role's {@code PASSWORD '…'}, a connection string's password) are taken out
 * by {@link SecretRedaction} when the event is made, so neither the proxy nor the driver can log
 * them.
 *
 * @param time when the statement started
 * @param account the tdb account user (or API key owner) that ran it
 * @param database the logical database ({@code myapp__acme})
 * @param tenant the tenant name ({@code acme}), or {@code null} outside tenant databases
 * @param kind what the statement does, as the core classifier says
 * @param duration from the call until the server's answer (zero for a refusal)
 * @param rows rows changed or read, or {@code null} when unknown (a refusal, an error)
 * @param sqlState the SQLSTATE of a refusal or error, {@code null} on success
 * @param client the host the statement came from
 * @param sql the SQL text, already truncated to the configured length; stored with its secrets
 *     redacted
 */
public record QueryEvent(
    Instant time,
    String account,
    String database,
    String tenant,
    StatementKind kind,
    Duration duration,
    Long rows,
    String sqlState,
    String client,
    String sql) {
  /** Marks SQL text cut short, after the first {@code maxLength} characters. */
  public static final String TRUNCATED = "...";

  /** The order in which a multi-statement text's kinds speak for the whole text. */
  private static final List<StatementKind> PRECEDENCE =
      List.of(
          StatementKind.PRIVILEGED,
          StatementKind.DDL,
          StatementKind.UNKNOWN,
          StatementKind.COPY,
          StatementKind.WRITE,
          StatementKind.UTILITY,
          StatementKind.SESSION,
          StatementKind.TRANSACTION,
          StatementKind.READ,
          StatementKind.EMPTY);

  /** Checks the fields every event has. */
  public QueryEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(sql, "sql");
    sql = SecretRedaction.redact(sql);
  }

  /**
   * The kind that speaks for {@code classification}: its only statement's, or for several
   * statements the one that matters most for a reader of the log (DDL among reads is DDL).
   */
  public static StatementKind kindOf(Classification classification) {
    StatementKind kind = StatementKind.EMPTY;
    for (ClassifiedStatement statement : classification.statements()) {
      kind = weightier(kind, statement.kind());
    }
    return kind;
  }

  /** Of two kinds, the one that speaks for a text holding both (for a batch of statements). */
  public static StatementKind weightier(StatementKind a, StatementKind b) {
    return PRECEDENCE.indexOf(b) < PRECEDENCE.indexOf(a) ? b : a;
  }

  /**
   * {@code sql} cut to at most {@code maxLength} characters followed by {@link #TRUNCATED}, or
   * unchanged when it is not longer; a surrogate pair is never split.
   */
  public static String truncate(String sql, int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
    }
    if (sql.length() <= maxLength) {
      return sql;
    }
    int end = maxLength;
    if (end > 0 && Character.isHighSurrogate(sql.charAt(end - 1))) {
      end--;
    }
    return sql.substring(0, end) + TRUNCATED;
  }

  /**
   * The event as one line of JSON, fields in a fixed order: {@code time} (ISO-8601 UTC), {@code
   * account}, {@code database}, {@code tenant}, {@code kind}, {@code duration_ms} (with microsecond
   * precision), {@code rows}, {@code sqlstate}, {@code client}, {@code sql}; absent values are
   * {@code null}.
   */
  public String toJson() {
    StringBuilder json = new StringBuilder(128 + sql.length());
    json.append('{');
    string(json, "time", time.toString()).append(',');
    string(json, "account", account).append(',');
    string(json, "database", database).append(',');
    string(json, "tenant", tenant).append(',');
    string(json, "kind", kind.name()).append(',');
    json.append("\"duration_ms\":").append(milliseconds(duration)).append(',');
    json.append("\"rows\":").append(rows).append(',');
    string(json, "sqlstate", sqlState).append(',');
    string(json, "client", client).append(',');
    string(json, "sql", sql);
    return json.append('}').toString();
  }

  private static String milliseconds(Duration duration) {
    long micros = duration.toNanos() / 1_000;
    return String.format(Locale.ROOT, "%d.%03d", micros / 1_000, micros % 1_000);
  }

  private static StringBuilder string(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":");
    if (value == null) {
      return json.append("null");
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
