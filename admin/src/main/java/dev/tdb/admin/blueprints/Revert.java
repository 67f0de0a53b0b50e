/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

/**
 * What {@code diff-revert} did: both versions are now skipped.
 *
 * @param reverted the version that was undone in the workspace
 * @param inverse the version the inverse statement was captured as
 */
public record Revert(BlueprintVersion reverted, BlueprintVersion inverse) {}
