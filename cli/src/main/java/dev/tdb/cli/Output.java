/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Prints what the service answered: its JSON for scripts, or a table for people. */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** A list response ({@code items}) as a table of the given fields. */
  void list(JsonNode response, String... fields) {
    if (json) {
      printJson(response);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(header(fields));
    for (JsonNode item : response.path("items")) {
      String[] row = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        row[i] = text(item.path(fields[i]));
      }
      rows.add(row);
    }
    printTable(rows);
    if (response.hasNonNull("next_after")) {
      out.println("(more: --after " + response.get("next_after").asText() + ")");
    }
    out.flush();
  }

  /** One object as {@code field: value} lines. */
  void object(JsonNode response) {
    if (json) {
      printJson(response);
      return;
    }
    int width = 0;
    for (Iterator<String> names = response.fieldNames(); names.hasNext(); ) {
      width = Math.max(width, names.next().length());
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = response.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      out.printf("%-" + (width + 1) + "s %s%n", field.getKey() + ":", text(field.getValue()));
    }
    out.flush();
  }

  /** A closing line for people, after a table; nothing for scripts, whose JSON says it all. */
  void note(String message) {
    if (!json) {
      out.println(message);
      out.flush();
    }
  }

  /** A confirmation for people; the response for scripts. */
  void done(JsonNode response, String message) {
    if (json) {
      printJson(response);
    } else {
      out.println(message);
      out.flush();
    }
  }

  private void printJson(JsonNode node) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serializes", e);
    }
    out.flush();
  }

  private static String[] header(String[] fields) {
    String[] header = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      header[i] = fields[i].toUpperCase(java.util.Locale.ROOT);
    }
    return header;
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "-";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private void printTable(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
