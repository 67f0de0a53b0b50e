/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a YAML configuration file, nested mappings flattened to dotted keys, each with the
 * line it is on (from Jackson's token locations), so that errors can name both.
 */
final class YamlValues {
  private static final String DOCS = "see docs/operations.md#configuration-reference";

  /**
   * A value as written.
   *
   * @param items the scalar, or the items of a list
   * @param list whether it was written as a list
   * @param where the file and line, for messages
   */
  record Raw(List<String> items, boolean list, String where) {}

  private YamlValues() {}

  /**
   * Reads {@code file}; an empty file has no values.
   *
   * @throws ConfigException when it cannot be read, is not YAML, is not a mapping, has a key twice,
   *     or nests a mapping in a list
   */
  static Map<String, Raw> read(Path file) {
    Map<String, Raw> values = new LinkedHashMap<>();
    try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return values;
      }
      if (first != JsonToken.START_OBJECT) {
        throw new ConfigException(
            where(file, parser) + ": the file must be a mapping of keys to values", DOCS);
      }
      readMapping(file, parser, "", values);
      return values;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(
          file + " line " + line + ": not valid YAML: " + e.getOriginalMessage(),
          "fix the syntax there; " + DOCS);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read the configuration file " + file + ": " + e.getMessage(),
          "pass the path of a readable file with --config");
    }
  }

  private static void readMapping(
      Path file, JsonParser parser, String prefix, Map<String, Raw> values) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix + parser.currentName();
      String where = where(file, parser);
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT) {
        readMapping(file, parser, key + ".", values);
        continue;
      }
      Raw raw =
          token == JsonToken.START_ARRAY
              ? new Raw(readList(file, parser, key), true, where)
              : new Raw(
                  token == JsonToken.VALUE_NULL ? List.of() : List.of(parser.getText()),
                  false,
                  where);
      Raw earlier = values.putIfAbsent(key, raw);
      if (earlier != null) {
        throw new ConfigException(
            key + " is given twice: " + earlier.where() + " and " + where, "keep one of them");
      }
    }
  }

  private static List<String> readList(Path file, JsonParser parser, String key)
      throws IOException {
    List<String> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        throw new ConfigException(
            key + " (" + where(file, parser) + ") must be a list of plain values",
            "write one value per item, e.g. - 10.0.0.0/8");
      }
      items.add(parser.getText());
    }
    return items;
  }

  private static String where(Path file, JsonParser parser) {
    return file.getFileName() + " line " + parser.currentTokenLocation().getLineNr();
  }
}
