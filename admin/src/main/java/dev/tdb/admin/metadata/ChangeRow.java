/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

/**
 * One version of a blueprint: the change it applies.
 *
 * @param version the version the change makes (1, 2, ...)
 * @param sql the statement
 * @param commandTag the command tag ({@code CREATE TABLE})
 * @param objectIdentity the object, or null
 * @param role who ran it in the workspace
 * @param capturedAt when (ISO-8601)
 * @param nonTransactional true when it runs outside a transaction block
 * @param skipped true when it was dropped from the deploy queue
 */
public record ChangeRow(
    int version,
    String sql,
    String commandTag,
    String objectIdentity,
    String role,
    String capturedAt,
    boolean nonTransactional,
    boolean skipped) {}
