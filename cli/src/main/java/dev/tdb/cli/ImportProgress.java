/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Follows an import until it ends, printing a progress line whenever it changes. */
final class ImportProgress {
  private static final long POLL_MILLIS = 300;
  private static final int WIDTH = 20;

  private ImportProgress() {}

  /** Polls import {@code id}; returns it once it no longer runs. */
  static JsonNode follow(AdminClient client, long id, PrintWriter out, boolean quiet)
      throws ApiException {
    String path = Paths.of("imports", Long.toString(id));
    String last = "";
    JsonNode status = client.get(path);
    while (true) {
      String line = line(status);
      if (!quiet && !line.equals(last)) {
        out.println(line);
        out.flush();
        last = line;
      }
      if (!status.path("status").asText().equals("running")) {
        return status;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ApiException.UNAVAILABLE, "interrupted", "interrupted", null);
      }
      status = client.get(path);
    }
  }

  /** {@code import 3 data [#####.....] tenants 10/40 rows 1200/5000} */
  static String line(JsonNode status) {
    long total = status.path("tenants_total").asLong();
    long done = status.path("tenants_done").asLong();
    int filled = total == 0 ? 0 : (int) (done * WIDTH / total);
    return String.format(
        "import %d %s [%s%s] tenants %d/%d  rows %d/%d",
        status.path("id").asLong(),
        status.path("phase").asText(),
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        done,
        total,
        status.path("rows_copied").asLong(),
        status.path("rows_expected").asLong());
  }

  /** The summary: the outcome, then one line per tenant. */
  static void print(JsonNode status, PrintWriter out) {
    out.printf(
        "import %d into %s: %s%s%n",
        status.path("id").asLong(),
        status.path("workspace").asText(),
        status.path("status").asText(),
        status.hasNonNull("error") ? " - " + status.get("error").asText() : "");
    for (JsonNode tenant : status.path("tenants")) {
      out.printf(
          "  %-30s %-9s %d/%d rows%s%n",
          tenant.path("tenant").asText(),
          tenant.path("status").asText(),
          tenant.path("rows_copied").asLong(),
          tenant.path("rows_expected").asLong(),
          tenant.hasNonNull("error") ? "  " + tenant.get("error").asText() : "");
    }
    out.flush();
  }
}
