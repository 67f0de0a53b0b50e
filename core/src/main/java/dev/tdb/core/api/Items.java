/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A list answer without paging: {@code {"items": [...]}}.
 *
 * @param items the entries, in the order the endpoint documents
 * @param <T> the type of one entry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Items<T>(@JsonProperty("items") List<T> items) {}
