/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import dev.tdb.cli.TdbCli;
import dev.tdb.proxy.ProxyServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tdb proxy}: runs the PostgreSQL wire-protocol proxy itself. */
@Command(
    name = "proxy",
    description = "Run the proxy (for production; tdb up runs it for you locally).",
    footerHeading = TdbCli.EXAMPLES,
    footer = {"  tdb proxy serve --config proxy.yaml"},
    subcommands = ProxyCommand.Serve.class)
public final class ProxyCommand {
  /** {@code tdb proxy serve --config proxy.yaml}. */
  @Command(
      name = "serve",
      description =
          "Run the proxy from a YAML configuration file until SIGTERM, which closes sessions with"
              + " 57P01 once their statements finish. Every key can be overridden by"
              + " TDB_PROXY_<KEY>.",
      footerHeading = TdbCli.EXAMPLES,
      footer = {
        "  tdb proxy serve --config /etc/tdb/proxy.yaml",
        "  TDB_PROXY_ADMIN_API_KEY_FILE=/run/secrets/api_key tdb proxy serve --config proxy.yaml",
        "  (keys: docs/operations.md#configuration-reference)"
      })
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      ProxyServeConfig settings;
      try {
        settings = ProxyServeConfig.load(config, Map.copyOf(System.getenv()));
      } catch (ConfigException e) {
        return ServeErrors.report(spec.commandLine().getErr(), e);
      }
      ProxyServer proxy = ProxyServer.start(settings.proxy());
      out.println(
          "tdb proxy: serving port "
              + proxy.port()
              + proxy.managementPort().stream()
                  .mapToObj(port -> ", management port " + port)
                  .findFirst()
                  .orElse("")
              + " ("
              + settings.proxy()
              + ")");
      out.flush();
      Draining.untilTerminated(
          "tdb proxy", settings.drainTimeout(), () -> proxy.shutdown(settings.drainTimeout()), out);
      return 0;
    }
  }
}
