/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the admin API.
 *
 * @param method the HTTP method
 * @param path the path below the base URI, with its query ({@code /v1/tenants?blueprint=app}); the
 *     leading slash may be left out
 * @param body a contract record (or anything Jackson writes) sent as JSON, a {@code String} sent as
 *     it is (JSON already), or {@code null} for no body
 * @param headers extra request headers
 * @param credentials whether the client's {@code Authorization} goes with it
 */
public record AdminApiCall(
    String method, String path, Object body, Map<String, String> headers, Credentials credentials) {

  /** Whether a call carries the client's credentials. */
  public enum Credentials {
    /** Sends the client's {@code Authorization}. */
    SEND,
    /** Sends none: for the open probes such as {@code /readyz}. */
    NONE
  }

  /** Copies the headers. */
  public AdminApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(credentials, "credentials");
  }

  /** A GET of {@code path}. */
  public static AdminApiCall get(String path) {
    return of("GET", path, null);
  }

  /** A POST of {@code body} to {@code path}. */
  public static AdminApiCall post(String path, Object body) {
    return of("POST", path, body);
  }

  /** A PATCH of {@code body} to {@code path}. */
  public static AdminApiCall patch(String path, Object body) {
    return of("PATCH", path, body);
  }

  /** A DELETE of {@code path}. */
  public static AdminApiCall delete(String path) {
    return of("DELETE", path, null);
  }

  /** A call of any method, with the client's credentials and no extra headers. */
  public static AdminApiCall of(String method, String path, Object body) {
    return new AdminApiCall(method, path, body, Map.of(), Credentials.SEND);
  }

  /** This call with header {@code name: value} too. */
  public AdminApiCall header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new AdminApiCall(method, path, body, more, credentials);
  }

  /** This call without the client's credentials. */
  public AdminApiCall anonymous() {
    return new AdminApiCall(method, path, body, headers, Credentials.NONE);
  }

  /** The body is left out: it may carry secrets. */
  @Override
  public String toString() {
    return method + " " + path;
  }
}
