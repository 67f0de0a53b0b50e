/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The commands that run a service, as the full {@code tdb} adds them. */
public final class ServiceCommands {
  private ServiceCommands() {}

  /** {@code tdb admin} and {@code tdb proxy}. */
  public static List<Object> commands() {
    return List.of(new AdminCommand(), new ProxyCommand());
  }

  /**
   * Takes the client's connection options ({@code --url}, {@code --secret}…), which every command
   * of {@code tdb} inherits, from {@code tdb admin} and {@code tdb proxy} and their subcommands: a
   * service reads its file only, and a secret on its command line would show in {@code ps}.
   */
  public static void withoutClientOptions(CommandLine tdb) {
    for (String name : List.of("admin", "proxy")) {
      dropInheritedOptions(tdb.getSubcommands().get(name));
    }
  }

  private static void dropInheritedOptions(CommandLine command) {
    for (OptionSpec option : List.copyOf(command.getCommandSpec().options())) {
      if (option.inherited()) {
        command.getCommandSpec().remove(option);
      }
    }
    command.getSubcommands().values().forEach(ServiceCommands::dropInheritedOptions);
  }
}
