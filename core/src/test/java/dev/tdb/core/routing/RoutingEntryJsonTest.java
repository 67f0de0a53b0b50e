/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.settings.PoolMode;
import dev.tdb.core.settings.QueryLogMode;
import dev.tdb.core.settings.WorkspaceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class RoutingEntryJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ADMIN_API_DOC = Path.of("..", "docs", "admin-api.md");

  @Test
  void readsAndWritesTheDocumentedRoutingEntry() throws IOException {
    String example = documentedExample();

    RoutingEntry entry = JSON.readValue(example, RoutingEntry.class);

    assertThat(entry)
        .isEqualTo(
            new RoutingEntry(
                "myapp__acme",
                RoutingEntry.Mode.TENANT,
                "myapp_workspace",
                RoutingEntry.Status.ACTIVE,
                "127.0.0.1",
                5432,
                "disable",
                "myapp__acme",
                "myapp__acme__rt",
                "…",
                new WorkspaceSettings(
                    100_000,
                    30_000,
                    20,
                    true,
                    false,
                    60_000,
                    1_048_576,
                    4_096,
                    QueryLogMode.OFF,
                    100,
                    1_000,
                    false,
                    PoolMode.SESSION),
                17));
    assertThat(entry.connectionMode()).isEqualTo(ConnectionMode.TENANT);
    assertThat(JSON.readTree(JSON.writeValueAsString(entry))).isEqualTo(JSON.readTree(example));
  }

  /** The JSON block under "### Routing entry" in docs/admin-api.md. */
  private static String documentedExample() throws IOException {
    String doc = Files.readString(ADMIN_API_DOC);
    int section = doc.indexOf("### Routing entry");
    int start = doc.indexOf("```json\n", section) + "```json\n".length();
    int end = doc.indexOf("\n```", start);
    assertThat(section).as("routing entry section in %s", ADMIN_API_DOC).isNotNegative();
    return doc.substring(start, end);
  }
}
