/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver.internal;

import dev.tdb.pgserver.EmbeddedPostgresException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a program to completion and collects what it printed. */
public final class ProcessRunner {
  private ProcessRunner() {}

  /**
   * What a finished program left behind.
   *
   * @param exitCode its exit status
   * @param output standard output and standard error, interleaved
   */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code command}, waiting at most {@code timeout}.
   *
   * @throws EmbeddedPostgresException when it cannot start or does not finish in time
   */
  public static Result run(List<String> command, Duration timeout) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot run " + command.get(0), e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new EmbeddedPostgresException(
            String.join(" ", command) + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("interrupted while running " + command.get(0), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new EmbeddedPostgresException("cannot read the output of " + command.get(0), e);
    }
  }

  private static String drain(Process process) {
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
