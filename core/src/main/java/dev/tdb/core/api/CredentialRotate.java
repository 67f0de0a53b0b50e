/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/credentials/{id}/rotate}, which may also be empty.
 *
 * @param overlapSeconds how long the old secret keeps working; the service's default when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialRotate(@JsonProperty("overlap_seconds") @Nullable Long overlapSeconds) {}
