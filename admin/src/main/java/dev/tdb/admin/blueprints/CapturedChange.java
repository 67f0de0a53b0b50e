/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

/**
 * A change cut from captured commands: one DDL statement, ready to become a blueprint version.
 *
 * @param sourceId the highest catalog row it was cut from
 * @param sql the statement text
 * @param commandTag the command tag
 * @param objectIdentity the object, or null
 * @param role who ran it
 * @param capturedAt when (ISO-8601)
 * @param nonTransactional true when PostgreSQL cannot run it inside a transaction block
 */
public record CapturedChange(
    long sourceId,
    String sql,
    String commandTag,
    String objectIdentity,
    String role,
    String capturedAt,
    boolean nonTransactional) {}
