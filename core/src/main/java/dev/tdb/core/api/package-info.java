/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The admin API's contract: the request and response bodies that the admin service and every client
 * of it share ({@code RoutingEntry} of {@code core.routing} is one of them), and {@link
 * dev.tdb.core.api.AdminApiClient}, the one HTTP client of the API. The JSON names are fixed here
 * with {@code @JsonProperty}, so any {@code ObjectMapper} reads and writes the form
 * docs/admin-api.md documents.
 */
package dev.tdb.core.api;
