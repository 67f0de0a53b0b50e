/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What every refusal of the admin API carries, as {@code {"error":{"code","message","hint"}}}.
 *
 * @param code a stable code such as {@code tenant_not_found}
 * @param message what went wrong, for a person
 * @param hint how to fix it, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(
    @JsonProperty("code") String code,
    @JsonProperty("message") String message,
    @JsonProperty("hint") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String hint) {

  /** The body an error travels in: {@code {"error": {...}}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Body(@JsonProperty("error") ApiError error) {}
}
