/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds REST paths from user input. */
final class Paths {
  private Paths() {}

  /** {@code v1/<collection>/<name>} with the name URL-encoded. */
  static String of(String collection, String name) {
    return "v1/" + collection + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  /** A list path with pagination. */
  static String list(String collection, int limit, String after) {
    StringBuilder path =
        new StringBuilder("v1/").append(collection).append("?limit=").append(limit);
    if (after != null) {
      path.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
    }
    return path.toString();
  }
}
