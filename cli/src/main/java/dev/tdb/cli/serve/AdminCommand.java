/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.cli.TdbCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tdb admin}: runs the admin service itself. */
@Command(
    name = "admin",
    description = "Run the admin service (for production; tdb up runs it for you locally).",
    footerHeading = TdbCli.EXAMPLES,
    footer = {"  tdb admin serve --config admin.yaml"},
    subcommands = AdminCommand.Serve.class)
public final class AdminCommand {
  /** {@code tdb admin serve --config admin.yaml}. */
  @Command(
      name = "serve",
      description =
          "Run the admin service from a YAML configuration file, against an existing metadata"
              + " database, until SIGTERM. Every key can be overridden by TDB_ADMIN_<KEY>.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb admin serve --config /etc/tdb/admin.yaml",
        "  TDB_ADMIN_HTTP_PORT=8080 tdb admin serve --config admin.yaml",
        "  (keys: docs/operations.md#configuration-reference)"
      })
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AdminServeConfig settings;
      try {
        settings = AdminServeConfig.load(config, Map.copyOf(System.getenv()));
      } catch (ConfigException e) {
        return ServeErrors.report(spec.commandLine().getErr(), e);
      }
      AdminServer admin = AdminServer.start(settings.admin());
      try {
        if (settings.firstAccountFile().isPresent() && !admin.inProcess().hasAccounts()) {
          writeFirstAccount(settings.firstAccountFile().get(), admin.inProcess().createAccount());
          out.println(
              "tdb admin: created the first account; its credentials are in "
                  + settings.firstAccountFile().get());
        }
      } catch (IOException | RuntimeException e) {
        admin.close();
        throw e;
      }
      out.println("tdb admin: serving " + admin.baseUri() + " (" + settings.admin() + ")");
      settings.plainHttpWarning().ifPresent(warning -> out.println("tdb admin: " + warning));
      out.flush();
      Draining.untilTerminated(
          "tdb admin", settings.drainTimeout(), () -> admin.shutdown(settings.drainTimeout()), out);
      return 0;
    }

    /** Writes {"user","secret"} to a new file only its owner can read; never overwrites one. */
    private static void writeFirstAccount(Path file, AccountCredentials account)
        throws IOException {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          "{\"user\":\"" + account.user() + "\",\"secret\":\"" + account.secret() + "\"}\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.TRUNCATE_EXISTING);
    }
  }
}
