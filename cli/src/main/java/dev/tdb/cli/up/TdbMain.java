/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import dev.tdb.cli.TdbCli;
import dev.tdb.cli.serve.ServiceCommands;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The full {@code tdb} command of {@code tdb.jar}: the client commands of {@link TdbCli} plus the
 * ones that run tdb itself ({@code tdb up}, {@code tdb admin serve}, {@code tdb proxy serve}).
 */
public final class TdbMain {
  private TdbMain() {}

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with the given output streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  /** The client command line with {@code up}, {@code admin} and {@code proxy} added. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    List<Object> commands = new ArrayList<>(List.of(new UpCommand()));
    commands.addAll(ServiceCommands.commands());
    CommandLine commandLine = TdbCli.commandLine(out, err, commands.toArray());
    ServiceCommands.withoutClientOptions(commandLine);
    return commandLine;
  }
}
