/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback configuration in a process of its own, as {@code tdb} runs it: text lines by
 * default, one JSON object per line with {@code TDB_LOG_FORMAT=json}.
 */
final class LogFormatTest {

  @Test
  void jsonWritesOneObjectPerLineWithTheFormattedMessage() throws Exception {
    List<String> lines = run("json").lines().toList();

    assertThat(lines).hasSize(2);
    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("loggerName").asText()).isEqualTo("dev.tdb.admin.Probe");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("tenant acme created");
    assertThat(json.has("timestamp")).isTrue();
    JsonNode platform = new ObjectMapper().readTree(lines.get(1));
    assertThat(platform.get("loggerName").asText()).isEqualTo("dev.tdb.core.Probe");
    assertThat(platform.get("formattedMessage").asText()).isEqualTo("routed");
  }

  @Test
  void textIsTheDefaultAndAnyOtherValue() throws Exception {
    for (String format : new String[] {null, "text", "yaml"}) {
      assertThat(run(format))
          .contains("INFO  dev.tdb.admin.Probe - tenant acme created\n")
          .endsWith("INFO  dev.tdb.core.Probe - routed\n");
    }
  }

  /** Runs {@link LogFormatProbe} with the shipped configuration; returns its standard error. */
  private static String run(String format)
      throws IOException, InterruptedException, URISyntaxException {
    Path config = Path.of(LogFormatTest.class.getResource("/logback.xml").toURI());
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + config,
                LogFormatProbe.class.getName()));
    builder.environment().remove("TDB_LOG_FORMAT");
    if (format != null) {
      builder.environment().put("TDB_LOG_FORMAT", format);
    }
    Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return new String(err, StandardCharsets.UTF_8);
  }
}
