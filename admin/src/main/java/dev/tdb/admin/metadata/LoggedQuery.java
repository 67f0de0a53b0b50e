/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.core.log.SecretRedaction;

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
    String time,
    String account,
    String database,
    String tenant,
    String kind,
    double durationMs,
    Long rows,
    String sqlstate,
    String client,
    String sql) {
  /** Takes secrets out of the text, as the proxy and the driver do, should a sender not have. */
  public LoggedQuery {
    sql = sql == null ? null : SecretRedaction.redact(sql);
  }
}
