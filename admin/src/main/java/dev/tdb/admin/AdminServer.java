/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import dev.tdb.admin.accounts.AccountService;
import dev.tdb.admin.accounts.ApiKeyService;
import dev.tdb.admin.accounts.AuditService;
import dev.tdb.admin.blueprints.BlueprintService;
import dev.tdb.admin.blueprints.DriftService;
import dev.tdb.admin.blueprints.WorkspaceSchemas;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.ClusterService;
import dev.tdb.admin.credentials.CredentialService;
import dev.tdb.admin.deployments.DeploymentService;
import dev.tdb.admin.http.HttpApi;
import dev.tdb.admin.http.Services;
import dev.tdb.admin.imports.ImportService;
import dev.tdb.admin.imports.ImportServices;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metrics.AdminMetrics;
import dev.tdb.admin.query.QueryService;
import dev.tdb.admin.querylog.QueryLogService;
import dev.tdb.admin.routing.RoutingService;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.admin.sources.SourceGate;
import dev.tdb.admin.tenants.RoleChecks;
import dev.tdb.admin.tenants.SettingsService;
import dev.tdb.admin.tenants.TenantService;
import dev.tdb.admin.tenants.WorkspaceService;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin service: metadata database (migrated on start), cluster connections, the services, and
 * the REST API over HTTP.
 *
 * <p>The HTTP server is Javalin: small (a thin layer over Jetty, one of the most used and best kept
 * Java HTTP servers), actively maintained, and without annotation scanning or dependency injection,
 * so every route is a plain lambda registered in code that a reader can follow.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final HttpApi http;
  private final DeploymentService deployments;
  private final QueryLogService queryLog;
  private final RoleChecks roleChecks;
  private final InProcessAdmin inProcess;
  private final String bindHost;
  private final boolean https;
  private final AdminMetrics metrics;

  private AdminServer(
      MetadataStore store,
      ClusterPools pools,
      HttpApi http,
      DeploymentService deployments,
      QueryLogService queryLog,
      RoleChecks roleChecks,
      InProcessAdmin inProcess,
      String bindHost,
      boolean https,
      AdminMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    this.pools = pools;
    this.http = http;
    this.deployments = deployments;
    this.queryLog = queryLog;
    this.roleChecks = roleChecks;
    this.inProcess = inProcess;
    this.bindHost = bindHost;
    this.https = https;
  }

  /**
   * Migrates the metadata database and starts serving the REST API.
   *
   * @throws dev.tdb.admin.errors.AdminException (unavailable) when the metadata database cannot be
   *     reached
   */
  public static AdminServer start(AdminConfig config) {
    SecretBox box = new SecretBox(config.secretKey().bytes());
    MetadataStore store =
        MetadataStore.open(
            config.metadataUrl(),
            config.metadataUser(),
            config.metadataPassword(),
            config.poolSize());
    ClusterPools pools = new ClusterPools(box, config.clusterCa(), config.lockWait());
    RoleChecks roleChecks = new RoleChecks(store, pools, box, config.roleCheckInterval());
    AdminMetrics metrics = new AdminMetrics(store, pools);
    try {
      Services services = services(store, pools, box, config, roleChecks);
      HttpApi http =
          HttpApi.start(
              services,
              config.bindHost(),
              config.port(),
              config.tls().map(AdminTls::sslContext),
              metrics);
      AdminServer server =
          new AdminServer(
              store,
              pools,
              http,
              services.deployments(),
              services.queryLog(),
              roleChecks,
              new InProcessAdmin(services, roleChecks),
              config.bindHost(),
              config.tls().isPresent(),
              metrics);
      services.clusters().hardenAll();
      services.blueprints().installEverywhere();
      services.deployments().resume();
      services.queryLog().startRetention();
      roleChecks.start(
          () -> {
            services.clusters().hardenAll();
            services.credentials().sweepLogins();
          });
      LOG.info("tdb admin service listening on {}", server.baseUri());
      return server;
    } catch (RuntimeException e) {
      metrics.close();
      roleChecks.close();
      pools.close();
      store.close();
      throw e;
    }
  }

  private static Services services(
      MetadataStore store,
      ClusterPools pools,
      SecretBox box,
      AdminConfig config,
      RoleChecks roleChecks) {
    BlueprintService blueprints = new BlueprintService(store, pools);
    WorkspaceService workspaces = new WorkspaceService(store, pools, box);
    TenantService tenants = new TenantService(store, pools, box);
    DeploymentService deployments =
        new DeploymentService(store, pools, blueprints, config.deploymentLease());
    SourceGate sources = new SourceGate(config.sourcePolicy(), System::nanoTime);
    WorkspaceSchemas schemas = new WorkspaceSchemas(store, pools, box, blueprints, sources);
    return new Services(
        new AccountService(store),
        new ApiKeyService(store),
        new AuditService(store),
        new ClusterService(store, pools, box),
        workspaces,
        new SettingsService(store, pools, roleChecks),
        tenants,
        new RoutingService(store, box, pools),
        blueprints,
        deployments,
        schemas,
        new DriftService(store, pools),
        new QueryLogService(store, tenants, config.queryLogRetention()),
        new ImportService(
            workspaces,
            new ImportServices(
                store,
                pools,
                box,
                tenants,
                deployments,
                schemas,
                sources,
                config.importFreeSpaceReserve())),
        new QueryService(store, pools, box),
        new CredentialService(store, pools));
  }

  /** The port the REST API listens on. */
  public int port() {
    return http.port();
  }

  /** The base URI of the REST API ({@code http[s]://host:port/}); loopback when bound to all. */
  public URI baseUri() {
    String host = bindHost;
    try {
      if (InetAddress.getByName(bindHost).isAnyLocalAddress()) {
        host = InetAddress.getLoopbackAddress().getHostAddress();
      }
    } catch (UnknownHostException e) {
      // An unresolvable name is still the name clients were told to use.
    }
    String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return URI.create((https ? "https://" : "http://") + authority + ":" + port() + "/");
  }

  /** The in-process face of the services, for {@code tdb up} and tests. */
  public InProcessAdmin inProcess() {
    return inProcess;
  }

  /** Every REST endpoint as {@code "METHOD /path"}. */
  List<String> endpoints() {
    return http.endpoints();
  }

  /** Stops the HTTP server at once and closes every connection pool. */
  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  /**
   * Stops accepting requests at once, lets requests in flight finish for up to {@code drain}, then
   * stops the background work and closes every connection pool.
   */
  public void shutdown(Duration drain) {
    http.stop(drain);
    metrics.close();
    queryLog.close();
    roleChecks.close();
    deployments.close();
    pools.close();
    store.close();
  }

  /**
   * Stops as a killed process would, for takeover tests: the pools close under running work, and
   * the deployment leases are neither renewed nor given up, so peers wait for them to expire.
   */
  void halt() {
    deployments.abandon();
    close();
  }
}
