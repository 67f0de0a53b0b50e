/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A client program run as a real process: its exit code and what it printed. Connection URLs reach
 * it through the environment only, so secrets never appear in a command line or a test report.
 */
record ClientProcess(int exitCode, String stdout, String stderr) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added, and waits for it.
   *
   * @throws AssertionError if it does not end within two minutes
   */
  static ClientProcess run(Path directory, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    return run(directory, environment, command, TIMEOUT);
  }

  /**
   * Like {@link #run(Path, Map, List)}, waiting at most {@code timeout}.
   *
   * @throws AssertionError if it does not end within {@code timeout}; the process is killed
   */
  static ClientProcess run(
      Path directory, Map<String, String> environment, List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(command.size() - 1) + " did not end within " + timeout);
    }
    try {
      return new ClientProcess(process.exitValue(), stdout.get(), stderr.get());
    } catch (ExecutionException e) {
      throw new UncheckedIOException(new IOException(e.getCause()));
    }
  }

  /** Whether {@code command} runs and exits with 0, e.g. to see if a client is installed. */
  static boolean succeeds(Path directory, List<String> command) {
    try {
      return run(directory, Map.of(), command).exitCode() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The JSON result a scenario script printed as the last line of its output. */
  JsonNode json() throws IOException {
    assertThat(exitCode).as("exit code; stderr:%n%s", stderr).isZero();
    String[] lines = stdout.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
