/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.util.List;

/**
 * What the last role checks of one tenant saw.
 *
 * @param checkedAt when its runtime role was last checked (ISO-8601)
 * @param driftFoundAt when a check last found and repaired drift (ISO-8601), or null if never
 * @param drift what that check found, one finding a line (empty if never)
 */
public record RoleCheckRow(String checkedAt, String driftFoundAt, List<String> drift) {}
