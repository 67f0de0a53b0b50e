/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.core.log.SecretRedaction;
import org.jspecify.annotations.Nullable;

/**
 * One statement of the query log, in the shape of {@code dev.tdb.core.log.QueryEvent}'s JSON line:
 * what the proxy sends and what {@code GET /v1/tenants/{name}/logs} answers.
 *
 * @param time when the statement started (ISO-8601, UTC)
 * @param account the account user that ran it
 * @param database the logical database
 * @param tenant the tenant name, or null outside tenant databases
 * @param kind the statement's kind as the core classifier says
 * @param durationMs how long the server took, in ms (0 for a refusal)
 * @param rows rows read or changed, null for a refusal or an error
 * @param sqlstate the refusal's or error's SQLSTATE, null on success
 * @param client the client's address
 * @param sql the SQL text as the proxy cut it, never with parameter values
 */
public record LoggedQuery(
    @JsonPropertyDescription("when the statement started (UTC)") String time,
    @JsonPropertyDescription("the account user") @Nullable String account,
    @JsonPropertyDescription("the logical database") String database,
    @JsonPropertyDescription("the tenant name; null outside tenant databases")
        @Nullable String tenant,
    @JsonPropertyDescription("the core classification: READ, WRITE, DDL, …") String kind,
    @JsonPropertyDescription("until the server answered, in ms; 0 for a refusal") double durationMs,
    @JsonPropertyDescription("rows read or changed; null for a refusal or an error")
        @Nullable Long rows,
    @JsonPropertyDescription("the refusal's or error's SQLSTATE; null on success")
        @Nullable String sqlstate,
    @JsonPropertyDescription("the client's address") @Nullable String client,
    @JsonPropertyDescription("the SQL text, cut to the proxy's length; never parameter values")
        String sql) {
  /** Takes secrets out of the text, as the proxy and the driver do, should a sender not have. */
  public LoggedQuery {
    sql = sql == null ? null : SecretRedaction.redact(sql);
  }
}
