/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where PostgreSQL clients reach the tdb proxy, as {@code tdb up} records it in the profile.
 *
 * @param host the host a client connects to (the loopback address for a wildcard listen address; an
 *     IPv6 literal in brackets)
 * @param port the proxy's port
 * @param certificateAuthority the absolute path of the PEM file of the CA that signed the proxy's
 *     certificate, or null when the proxy has no generated certificate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProxyEndpoint(
    @JsonProperty("host") String host,
    @JsonProperty("port") int port,
    @JsonProperty("ca") String certificateAuthority) {}
