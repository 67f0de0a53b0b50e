/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver.internal;

import dev.tdb.pgserver.EmbeddedPostgresException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Marks a cluster directory as owned by one live process: an operating-system lock on a file in it,
 * which the system releases when that process ends in any way, {@code kill -9} included. A server
 * found running on a cluster whose lock is free was left behind by an owner that is gone; a taken
 * lock means another process is using the cluster right now, and its server is left alone.
 */
public final class ClusterLock implements AutoCloseable {
  private static final String FILE = "owner.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private ClusterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code directory} and writes this process's id into it.
   *
   * @throws EmbeddedPostgresException when another process (or this one) holds it
   */
  public static ClusterLock take(Path directory) {
    Path file = directory.resolve(FILE);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new EmbeddedPostgresException(
            "the PostgreSQL cluster in "
                + directory
                + " is in use by another process ("
                + owner(channel)
                + "); stop that process first, or use another directory");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("PID " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
      return new ClusterLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new EmbeddedPostgresException("cannot lock " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldByThisProcess) {
      return null;
    }
  }

  private static String owner(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "PID unknown" : text;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing releases the lock; nothing else to do.
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it as well.
    }
    closeQuietly(channel);
  }
}
