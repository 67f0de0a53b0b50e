/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the admin service answered, whatever the status.
 *
 * @param status the HTTP status
 * @param headers the response headers, names case-insensitive
 * @param body the whole body, empty when there is none
 */
public record AdminApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

  /** Copies the headers into a case-insensitive map. */
  public AdminApiResponse {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (name != null) {
            copy.put(name, List.copyOf(values));
          }
        });
    headers = copy;
    body = body == null ? new byte[0] : body;
  }

  /** The first value of header {@code name}, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The body read as {@code type}.
   *
   * @throws IOException when it is not JSON of that shape; the message never quotes the body
   */
  public <T> T read(Class<T> type) throws IOException {
    return AdminApiClient.JSON.readValue(body, type);
  }

  /** The admin error the body carries, if it is one. */
  public Optional<ApiError> error() {
    try {
      ApiError.Body error = read(ApiError.Body.class);
      return Optional.ofNullable(error == null ? null : error.error());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Status and size only: the body may carry secrets. */
  @Override
  public String toString() {
    return "AdminApiResponse[" + status + ", " + body.length + " bytes]";
  }
}
