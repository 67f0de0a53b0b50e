/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The query log of one logical database summed over one hour.
 *
 * @param hour the hour's start (ISO-8601, UTC)
 * @param queries statements logged
 * @param avgMs their average duration in ms
 * @param maxMs the longest duration in ms
 * @param errors statements that ended with a SQLSTATE (refusals included)
 */
public record HourlyQueries(
    @JsonPropertyDescription("the hour's start (UTC)") String hour,
    long queries,
    double avgMs,
    double maxMs,
    @JsonPropertyDescription("statements that ended with a SQLSTATE, refusals included")
        long errors) {}
