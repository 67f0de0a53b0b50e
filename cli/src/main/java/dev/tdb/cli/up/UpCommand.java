/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.InProcessAdmin;
import dev.tdb.admin.accounts.CreatedApiKey;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.credentials.IssuedSecret;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.cli.ConnectionStrings;
import dev.tdb.cli.Profile;
import dev.tdb.cli.ProxyEndpoint;
import dev.tdb.cli.TdbCli;
import dev.tdb.cli.serve.ConfigException;
import dev.tdb.cli.serve.ServeErrors;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.ProxyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tdb up}: the quickstart. Starts PostgreSQL (embedded, or the server given), the admin
 * service, and on the first start an account, a control workspace, an example blueprint workspace
 * and a tenant; prints how to connect; runs until Ctrl-C.
 */
@Command(
    name = "up",
    description = "Start tdb locally: PostgreSQL, the admin service, and an example setup.",
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  tdb up                                # embedded PostgreSQL, data in ~/.tdb",
      "  tdb up --postgres-url postgresql://postgres:pw@db.internal:5432/postgres",
      "  HOME=/srv/tdb tdb up --port 8080 --proxy-port 6432",
      "  TDB_TLS_KEYSTORE_PASSWORD=... tdb up --tls-keystore admin.p12"
    })
public final class UpCommand implements Callable<Integer> {
  static final String CONTROL_WORKSPACE = "controlplane_workspace";
  static final String BLUEPRINT = "myapp";
  static final String EXAMPLE_TENANT = "acme";
  private static final String CLUSTER = "local";
  private static final String PROXY_KEY = "tdb up proxy";

  /**
   * The embedded server is every tenant's cluster: room for the default per-tenant limits of
   * several tenants and the proxy's pools, and slots only a superuser may take, so that the admin
   * service (which connects as the superuser) always gets in when tenants fill the rest.
   */
  static final Map<String, String> EMBEDDED_SERVER_SETTINGS =
      Map.of("max_connections", "200", "superuser_reserved_connections", "10");

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "7070", description = "Admin API port (default 7070)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address the admin API listens on (default 127.0.0.1)")
  String bind;

  @Option(
      names = "--postgres-port",
      defaultValue = "54329",
      description = "Port of the embedded PostgreSQL (default 54329)")
  int postgresPort;

  @Option(
      names = "--proxy-port",
      defaultValue = "6543",
      description = "Port of the PostgreSQL wire-protocol proxy (default 6543)")
  int proxyPort;

  @Option(
      names = "--management-port",
      defaultValue = "0",
      description =
          "Port of the proxy's /metrics, /healthz and /readyz (default: any free port, printed)")
  int managementPort;

  @Option(
      names = "--postgres-url",
      description =
          "Use this PostgreSQL server instead of an embedded one:"
              + " postgresql://SUPERUSER:PASSWORD@HOST:PORT/postgres")
  String postgresUrl;

  @Option(
      names = "--import-host",
      description =
          "A host imports may read source databases from, beside this machine's loopback and"
              + " tdb's own PostgreSQL: a name, an address or a CIDR block (repeatable)")
  List<String> importHosts = new ArrayList<>();

  @Option(
      names = "--query-log-days",
      defaultValue = "7",
      description = "Days the proxy's query log and statement statistics are kept (default 7)")
  int queryLogDays;

  @Option(
      names = "--home",
      description = "Where tdb keeps its files (default TDB_HOME, else $HOME/.tdb)")
  Path home;

  @Option(
      names = "--tls-keystore",
      description =
          "Serve the admin API over HTTPS with this PKCS#12 key store (password in"
              + " TDB_TLS_KEYSTORE_PASSWORD)")
  Path tlsKeyStore;

  @Override
  public Integer call() throws Exception {
    try {
      return run(spec.commandLine().getOut());
    } catch (ConfigException e) {
      return ServeErrors.report(spec.commandLine().getErr(), e);
    }
  }

  private int run(PrintWriter out) throws IOException, InterruptedException {
    LocalFiles files = new LocalFiles(home != null ? home : Profile.defaultHome());
    PostgresServer postgres = startPostgres(files);
    AdminServer admin;
    try {
      postgres.ensureDatabase(MetadataDatabase.NAME);
      admin = AdminServer.start(UpConfigs.admin(this, postgres, files, System.getenv()).admin());
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    Profile profile;
    ProxyConfig proxyConfig;
    ProxyServer proxy;
    try {
      profile = setUp(admin, postgres, files);
      proxyConfig =
          UpConfigs.proxy(this, admin.baseUri(), proxyApiKey(admin, profile, files), files).proxy();
      proxy = ProxyServer.start(proxyConfig);
    } catch (IOException | RuntimeException e) {
      admin.close();
      postgres.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stop(out, proxy, admin, postgres, stopped), "tdb-up-shutdown"));
    postgres.stopOnlyWhenClosed();
    ProxyEndpoint endpoint =
        new ProxyEndpoint(
            ConnectionStrings.urlHost(bind),
            proxy.port(),
            proxyConfig
                .tls()
                .certificateAuthority()
                .map(ca -> ca.toAbsolutePath().toString())
                .orElse(null));
    // The CLI prints tenants' connection strings through the proxy from here.
    profile = profile.withProxy(endpoint);
    profile.write(files.home());
    new Welcome(out, admin.baseUri(), profile, postgres, files.home())
        .print(entries(admin.inProcess(), profile.user()), endpoint);
    proxy
        .managementPort()
        .ifPresent(
            port ->
                out.println(
                    "Proxy metrics and health: http://"
                        + endpoint.host()
                        + ":"
                        + port
                        + "/metrics (also /healthz, /readyz); admin: "
                        + admin.baseUri()
                        + "metrics"));
    out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Stops everything in order, for Ctrl-C: the proxy first, letting running statements finish (at
   * most {@link ProxyServer#CLOSE_DEADLINE}) while PostgreSQL still serves them, then the admin
   * service, then PostgreSQL, whatever failed before.
   */
  private static void stop(
      PrintWriter out,
      ProxyServer proxy,
      AdminServer admin,
      PostgresServer postgres,
      CountDownLatch stopped) {
    out.println(
        "\nStopping tdb: letting running statements finish (at most "
            + ProxyServer.CLOSE_DEADLINE.toSeconds()
            + " s)...");
    out.flush();
    try {
      proxy.close();
      admin.close();
    } finally {
      postgres.close();
      stopped.countDown();
    }
  }

  /**
   * The API key the proxy authenticates to the admin service with, kept across restarts; a kept key
   * that is not routing-scoped (made before keys had scopes, it got the account's admin scope) or
   * no longer works is replaced, and revoked.
   */
  private static String proxyApiKey(AdminServer admin, Profile profile, LocalFiles files)
      throws IOException {
    Optional<String> kept = files.proxyApiKey();
    Optional<String> replaced =
        kept.isPresent()
            ? admin
                .inProcess()
                .replaceApiKeyUnlessScoped(profile.user(), kept.get(), PROXY_KEY, Scope.ROUTING)
                .map(CreatedApiKey::key)
            : Optional.of(
                admin.inProcess().createApiKey(profile.user(), PROXY_KEY, Scope.ROUTING).key());
    if (replaced.isEmpty()) {
      return kept.get();
    }
    files.keepProxyApiKey(replaced.get());
    return replaced.get();
  }

  private PostgresServer startPostgres(LocalFiles files) throws IOException {
    if (postgresUrl != null) {
      return PostgresServer.external(postgresUrl);
    }
    PostgresOptions options =
        PostgresOptions.durable(
                files.postgresDirectory(), postgresPort, "tdb", files.postgresPassword())
            .withServerSettings(EMBEDDED_SERVER_SETTINGS);
    EmbeddedPostgres server = EmbeddedPostgres.start(options);
    server.recovery().ifPresent(spec.commandLine().getOut()::println);
    return PostgresServer.embedded(server);
  }

  /** Registers the cluster on every start; creates the example setup on the first. */
  private static Profile setUp(AdminServer admin, PostgresServer postgres, LocalFiles files)
      throws IOException {
    InProcessAdmin inProcess = admin.inProcess();
    inProcess.registerCluster(
        CLUSTER,
        postgres.host(),
        postgres.port(),
        postgres.superuser(),
        postgres.password(),
        "disable",
        1000);
    Optional<Profile> saved = Profile.read(files.home());
    if (saved.isPresent()) {
      Profile profile =
          new Profile(admin.baseUri().toString(), saved.get().user(), saved.get().secret())
              .withApplication(saved.get().application());
      if (profile.application() == null) {
        // Written by a tdb up from before credentials: the example tenants get one now.
        profile = withApplication(inProcess, profile);
      }
      profile.write(files.home());
      return profile;
    }
    if (inProcess.hasAccounts()) {
      throw new AdminException(
          AdminError.UP_PROFILE_MISSING,
          "this tdb installation has accounts, but "
              + Profile.file(files.home())
              + " with their credentials is missing",
          "restore that file, or start afresh with a new --home");
    }
    AccountCredentials account = inProcess.createAccount();
    inProcess.createWorkspace(account.user(), CONTROL_WORKSPACE, ConnectionMode.CONTROL);
    inProcess.createWorkspace(account.user(), BLUEPRINT + "_workspace", ConnectionMode.WORKSPACE);
    inProcess.createTenant(account.user(), BLUEPRINT, EXAMPLE_TENANT);
    Profile profile =
        withApplication(
            inProcess, new Profile(admin.baseUri().toString(), account.user(), account.secret()));
    profile.write(files.home());
    return profile;
  }

  /**
   * The profile with a credential for the example blueprint's tenants, whose URLs the welcome
   * prints: an application pasting them cannot administer anything.
   */
  private static Profile withApplication(InProcessAdmin inProcess, Profile profile) {
    if (inProcess.findWorkspace(profile.user(), BLUEPRINT + "_workspace").isEmpty()) {
      return profile;
    }
    IssuedSecret issued =
        inProcess.createCredential(profile.user(), BLUEPRINT, "tdb up: " + BLUEPRINT + " tenants");
    return profile.withApplication(
        new Profile.Application(
            issued.credential().id(), issued.credential().user(), issued.secret()));
  }

  private static List<RoutingEntry> entries(InProcessAdmin inProcess, String user) {
    return List.of(CONTROL_WORKSPACE, BLUEPRINT + "_workspace", BLUEPRINT + "__" + EXAMPLE_TENANT)
        .stream()
        .flatMap(name -> find(inProcess, user, name).stream())
        .toList();
  }

  private static Optional<RoutingEntry> find(InProcessAdmin inProcess, String user, String name) {
    try {
      return Optional.of(inProcess.routingEntry(user, name));
    } catch (AdminException e) {
      if (e.kind() == AdminException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
