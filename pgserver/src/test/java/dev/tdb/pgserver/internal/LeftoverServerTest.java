/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a server left running on a cluster, and never mistaking another process for it. */
final class LeftoverServerTest {

  @Test
  void readsThePidFileAsPostgresqlWritesIt(@TempDir Path data) throws IOException {
    writePidFile(data, 4242, data, 54329);
    assertThat(LeftoverServer.read(data)).contains(new LeftoverServer(4242, data, 54329));
  }

  @Test
  void findsNothingWithoutAReadablePidFile(@TempDir Path data) throws IOException {
    assertThat(LeftoverServer.find(data)).isEmpty();
    Files.writeString(data.resolve("postmaster.pid"), "4242\n", StandardCharsets.UTF_8);
    assertThat(LeftoverServer.find(data)).isEmpty();
    Files.writeString(
        data.resolve("postmaster.pid"), "pid\n" + data + "\n0\nport\n", StandardCharsets.UTF_8);
    assertThat(LeftoverServer.find(data)).isEmpty();
  }

  @Test
  void neverTakesALiveProcessThatIsNotThatClustersPostgresForIt(@TempDir Path data)
      throws IOException {
    // This JVM: alive, but not postgres, and not serving the directory.
    writePidFile(data, ProcessHandle.current().pid(), data, 54329);
    assertThat(LeftoverServer.find(data)).isEmpty();
  }

  @Test
  void ignoresAPidFileThatNamesAnotherDataDirectory(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    writePidFile(data, ProcessHandle.current().pid(), elsewhere, 54329);
    assertThat(LeftoverServer.read(data)).isPresent();
    assertThat(LeftoverServer.find(data)).isEmpty();
  }

  @Test
  void findsNothingForAProcessThatIsGone(@TempDir Path data) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writePidFile(data, gone.pid(), data, 54329);
    assertThat(LeftoverServer.find(data)).isEmpty();
  }

  /** A {@code postmaster.pid} in PostgreSQL's layout: pid, data directory, start time, port, … */
  private static void writePidFile(Path data, long pid, Path named, int port) throws IOException {
    Files.writeString(
        data.resolve("postmaster.pid"),
        pid + "\n" + named + "\n1764770000\n" + port + "\n\n127.0.0.1\n  1234567  8\nready   \n",
        StandardCharsets.UTF_8);
  }
}
