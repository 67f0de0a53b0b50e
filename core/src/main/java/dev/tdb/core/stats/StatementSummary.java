/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.stats;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * One statement of a tenant summed over a time range, as {@code GET
 * /v1/tenants/{logical}/statements} answers and {@code tdb tenants top} prints it.
 *
 * @param fingerprint the fingerprint as 16 hex digits ({@code 0000000000000000} for the bucket of
 *     statements past the proxy's limit)
 * @param query the normalized text: constants are {@code $n} placeholders
 * @param calls statements run
 * @param rows rows returned or changed
 * @param totalMs the sum of their durations in milliseconds
 * @param meanMs {@code totalMs / calls}
 * @param maxMs the longest duration in milliseconds
 * @param errors calls that ended with an error or refusal
 * @param errorsBySqlstate those errors by SQLSTATE
 */
public record StatementSummary(
    @JsonPropertyDescription("16 hex digits") String fingerprint,
    @JsonPropertyDescription("the normalized text: constants are $n placeholders") String query,
    long calls,
    long rows,
    double totalMs,
    double meanMs,
    double maxMs,
    long errors,
    Map<String, Long> errorsBySqlstate) {}
