/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

/**
 * One row of a workspace's {@code tdb_catalog.changes}: a DDL command the event trigger saw.
 *
 * @param id the row's number, in commit order
 * @param query the whole query text the client sent ({@code current_query()})
 * @param commandTag the command tag ({@code CREATE TABLE})
 * @param objectIdentity the object it made, changed or dropped, or null
 * @param role the session role that ran it
 * @param backendPid the server process that ran it
 * @param xact the transaction that ran it
 * @param capturedAt when (ISO-8601)
 */
public record CapturedCommand(
    long id,
    String query,
    String commandTag,
    String objectIdentity,
    String role,
    int backendPid,
    String xact,
    String capturedAt) {

  /** True when both commands come from one execution context: same transaction, session, text. */
  boolean sameRun(CapturedCommand other) {
    return xact.equals(other.xact) && backendPid == other.backendPid && query.equals(other.query);
  }
}
