/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver.internal;

import dev.tdb.pgserver.EmbeddedPostgresException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account the server runs as. PostgreSQL refuses to run as root, so when tdb
 * itself runs as root (containers, CI machines) the server programs run as {@code nobody} through
 * util-linux's {@code setpriv}, and the cluster's files belong to that account.
 */
public final class ServerAccount {
  private static final String UNPRIVILEGED = "nobody";

  private final boolean switchUser;
  private final String group;

  private ServerAccount(boolean switchUser, String group) {
    this.switchUser = switchUser;
    this.group = group;
  }

  /** The account for this process: itself, or {@code nobody} when this process is root. */
  public static ServerAccount forCurrentProcess() {
    if (!isRoot()) {
      return new ServerAccount(false, null);
    }
    if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))
        && !Files.isExecutable(Path.of("/bin/setpriv"))) {
      throw new EmbeddedPostgresException(
          "PostgreSQL cannot run as root and setpriv (util-linux) is not installed to run it as "
              + UNPRIVILEGED
              + "; run tdb as an ordinary user");
    }
    return new ServerAccount(true, primaryGroupOf(UNPRIVILEGED));
  }

  private static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  private static String primaryGroupOf(String user) {
    ProcessRunner.Result result =
        ProcessRunner.run(List.of("id", "-gn", user), java.time.Duration.ofSeconds(10));
    if (result.exitCode() != 0) {
      throw new EmbeddedPostgresException(
          "cannot find the group of user " + user + ": " + result.output().strip());
    }
    return result.output().strip();
  }

  /** The command line that runs {@code command} as this account. */
  public List<String> command(List<String> command) {
    if (!switchUser) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add("setpriv");
    wrapped.add("--reuid=" + UNPRIVILEGED);
    wrapped.add("--regid=" + group);
    wrapped.add("--clear-groups");
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Makes {@code directory} (created if missing, mode 700) belong to this account, and checks that
   * the account can reach it through every parent directory.
   */
  public void takeOwnership(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(
        directory,
        java.util.EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    if (!switchUser) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        giveFile(path);
      }
    }
    for (Path parent = directory.toAbsolutePath().getParent();
        parent != null;
        parent = parent.getParent()) {
      if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new EmbeddedPostgresException(
            "PostgreSQL runs as "
                + UNPRIVILEGED
                + " because tdb runs as root, and "
                + UNPRIVILEGED
                + " cannot enter "
                + parent
                + "; choose a data directory outside it (for example under /var/lib)");
      }
    }
  }

  /** Makes one file or directory belong to this account; nothing to do when not switching. */
  public void giveFile(Path path) throws IOException {
    if (!switchUser) {
      return;
    }
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view =
        Files.getFileAttributeView(
            path, PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    view.setOwner(lookup.lookupPrincipalByName(UNPRIVILEGED));
    view.setGroup(lookup.lookupPrincipalByGroupName(group));
  }
}
