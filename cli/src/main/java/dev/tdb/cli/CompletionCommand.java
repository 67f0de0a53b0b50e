/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tdb completion}: a shell completion script for the whole command tree. */
@Command(
    name = "completion",
    description =
        "Print a completion script for bash and zsh (zsh through its bashcompinit), generated"
            + " from the commands of this tdb.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  source <(tdb completion)                          # this shell",
      "  tdb completion > ~/.local/share/bash-completion/completions/tdb",
      "  autoload -U +X bashcompinit && bashcompinit    # zsh first needs this"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec root = spec.root();
    spec.commandLine().getOut().print(AutoComplete.bash(root.name(), root.commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
