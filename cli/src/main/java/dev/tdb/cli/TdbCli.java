/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code tdb} client command line: every admin REST resource. It knows nothing of {@code tdb
 * up}: the full entry point ({@code dev.tdb.cli.up.TdbMain}) adds it, so the client runs from a
 * small jar of its own.
 */
@Command(
    name = "tdb",
    mixinStandardHelpOptions = true,
    versionProvider = TdbCli.Version.class,
    description = "Database-per-tenant PostgreSQL.",
    subcommands = {
      WorkspacesCommand.class,
      TenantsCommand.class,
      BlueprintsCommand.class,
      DeploymentsCommand.class,
      QueryCommand.class,
      ApiKeysCommand.class,
      CredentialsCommand.class,
      ClustersCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  tdb up                                  # start tdb on this machine",
      "  tdb tenants list",
      "  tdb tenants create --help               # every command has help and examples",
      "  tdb help deployments",
      "  source <(tdb completion)                # completion in bash and zsh",
      "%nExit codes:",
      "  0  done",
      "  1  the admin service refused the request (the message says why)",
      "  2  the command line is wrong",
      "  3  the admin service is unreachable or failed",
      "  4  the credentials were refused"
    })
public final class TdbCli {
  /** The heading of every command's examples, which follow in its footer. */
  public static final String EXAMPLES = "%nExamples:%n";

  @Mixin ConnectionOptions connection;

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given output streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  /**
   * The configured picocli command line: the client commands, and {@code more} commands (the full
   * {@code tdb} adds {@code up}), each with {@code --help}, the streams and the error handling.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Object... more) {
    CommandLine commandLine = new CommandLine(new TdbCli());
    for (Object command : more) {
      commandLine.addSubcommand(command);
    }
    CommandLine.Model.UsageMessageSpec help =
        commandLine.getSubcommands().get("help").getCommandSpec().usageMessage();
    help.footerHeading(EXAMPLES).footer("  tdb help tenants", "  tdb help tenants create");
    addHelpOptions(commandLine);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof ApiException api) {
            cmd.getErr().println("error: " + api.getMessage());
            if (api.hint() != null) {
              cmd.getErr().println("hint: " + api.hint());
            }
            cmd.getErr().flush();
            return api.exitCode();
          }
          // Anything else is a failure to start or to reach something: say what, not where,
          // unless asked to (TDB_DEBUG=1).
          cmd.getErr().println("error: " + exception.getMessage());
          if (System.getenv("TDB_DEBUG") != null) {
            exception.printStackTrace(cmd.getErr());
          }
          cmd.getErr().flush();
          return ApiException.UNAVAILABLE;
        });
    return commandLine;
  }

  /**
   * Gives every command of the tree that has none a {@code -h, --help} option. Not picocli's
   * standard help options, whose {@code --version} would clash with {@code deployments create
   * --version}.
   */
  private static void addHelpOptions(CommandLine commandLine) {
    CommandSpec spec = commandLine.getCommandSpec();
    if (spec.optionsMap().get("--help") == null) {
      spec.addOption(
          OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    commandLine.getSubcommands().values().forEach(TdbCli::addHelpOptions);
  }

  /** The output for a command's result, honoring {@code --json}. */
  Output output(CommandSpec spec) {
    return new Output(spec.commandLine().getOut(), connection.json);
  }

  /** Reports the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TdbCli.class.getPackage().getImplementationVersion();
      return new String[] {"tdb " + (version == null ? "(development build)" : version)};
    }
  }
}
