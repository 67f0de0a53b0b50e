/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import dev.tdb.admin.accounts.AccountService;
import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.accounts.CreatedApiKey;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.clusters.Cluster;
import dev.tdb.admin.clusters.ClusterSpec;
import dev.tdb.admin.credentials.CredentialRequest;
import dev.tdb.admin.credentials.IssuedSecret;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.http.Services;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.tenants.RoleChecks;
import dev.tdb.admin.tenants.Tenant;
import dev.tdb.admin.tenants.Workspace;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.WorkspaceSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-process face of the admin service for {@code tdb up} and tests: the same services the REST
 * handlers call, acting as the operator (for accounts and clusters) or as a named account (for what
 * that account owns), without HTTP authentication. Failures throw {@link AdminException} with the
 * same codes the REST API returns.
 */
public final class InProcessAdmin {
  private final Services services;
  private final RoleChecks roleChecks;

  InProcessAdmin(Services services, RoleChecks roleChecks) {
    this.services = services;
    this.roleChecks = roleChecks;
  }

  /**
   * Runs the periodic role check now: every tenant's runtime role is compared with what tdb made it
   * and repaired; returns how many had drifted.
   */
  public int checkRoles() {
    return roleChecks.checkAll();
  }

  /** True when at least one account exists (so a first start can be told from a restart). */
  public boolean hasAccounts() {
    return services.accounts().any();
  }

  /** Creates an admin account; its secret is returned here only and never stored in clear. */
  public AccountCredentials createAccount() {
    return services.accounts().create(Caller.operator(), AccountService.Role.ADMIN);
  }

  /**
   * Creates an API key of {@code scope} for {@code account} (a proxy needs only {@link
   * Scope#ROUTING}); the key is returned here only.
   */
  public CreatedApiKey createApiKey(String account, String name, Scope scope) {
    return services.apiKeys().create(services.accounts().actAs(account), name, scope);
  }

  /**
   * The key a proxy of {@code account} authenticates with: {@code kept} when it still works and has
   * {@code scope}; otherwise a new key of {@code scope}, and {@code kept} is revoked when it worked
   * with another scope (an install made before keys had scopes gave its proxy an admin key).
   *
   * @return the new key, or empty when {@code kept} stays
   */
  public Optional<CreatedApiKey> replaceApiKeyUnlessScoped(
      String account, String kept, String name, Scope scope) {
    return services
        .apiKeys()
        .replaceUnlessScoped(services.accounts().actAs(account), kept, name, scope);
  }

  /**
   * Registers a PostgreSQL server, or updates the connection details and capacity of the cluster
   * with this name (so calling it on every start is safe).
   *
   * @throws AdminException invalid fields, unavailable when the server cannot be reached, refused
   *     when {@code superuser} is not a superuser
   */
  public Cluster registerCluster(
      String name,
      String host,
      int port,
      String superuser,
      String password,
      String sslMode,
      int capacity) {
    ClusterSpec spec = new ClusterSpec(name, host, port, superuser, password, sslMode, capacity);
    return services.clusters().registerOrUpdate(Caller.operator(), spec);
  }

  /** Creates a workspace owned by {@code owner} on the cluster with most free capacity. */
  public Workspace createWorkspace(String owner, String name, ConnectionMode mode) {
    return createWorkspace(owner, name, mode, null);
  }

  /** Creates a workspace owned by {@code owner} on {@code cluster} (null: most free capacity). */
  public Workspace createWorkspace(String owner, String name, ConnectionMode mode, String cluster) {
    return services.workspaces().create(services.accounts().actAs(owner), name, mode, cluster);
  }

  /** The workspace {@code name} if {@code owner} has it. */
  public Optional<Workspace> findWorkspace(String owner, String name) {
    Caller caller = services.accounts().actAs(owner);
    try {
      return Optional.of(services.workspaces().get(caller, name));
    } catch (AdminException e) {
      if (e.kind() == AdminException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Changes settings of {@code owner}'s workspace and applies them to all its runtime roles. */
  public WorkspaceSettings updateSettings(String owner, String workspace, Map<String, ?> changes) {
    return services.settings().update(services.accounts().actAs(owner), workspace, changes);
  }

  /**
   * Issues a data-plane credential of {@code owner} for every tenant of {@code blueprint}, named
   * {@code name}; the secret is in the result and nowhere else.
   */
  public IssuedSecret createCredential(String owner, String blueprint, String name) {
    return services
        .credentials()
        .create(
            services.accounts().actAs(owner),
            new CredentialRequest(blueprint, List.of(), false, name));
  }

  /** Creates tenant {@code <blueprint>__<name>} on the cluster with most free capacity. */
  public Tenant createTenant(String owner, String blueprint, String name) {
    return createTenant(owner, blueprint, name, null);
  }

  /** Creates tenant {@code <blueprint>__<name>} on {@code cluster} (null: most free capacity). */
  public Tenant createTenant(String owner, String blueprint, String name, String cluster) {
    return services.tenants().create(services.accounts().actAs(owner), blueprint, name, cluster);
  }

  /** The routing entry of {@code owner}'s logical database, with the runtime role's password. */
  public RoutingEntry routingEntry(String owner, String logicalName) {
    return services.routing().entry(services.accounts().actAs(owner), logicalName);
  }
}
