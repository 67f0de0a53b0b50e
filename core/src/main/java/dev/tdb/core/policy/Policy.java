/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.CopyTarget;
import dev.tdb.core.sql.SettingChange;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StatementKind;
import java.util.Set;

/**
 * Decides whether classified SQL may run on one logical database. The one place where that is
 * decided: the driver and the proxy only carry the decision out, so the same SQL gets the same
 * answer on every path. Immutable; a settings change builds a new policy.
 */
public final class Policy {
  /** The exact message for DDL on a tenant, which users and docs quote. */
  public static final String TENANT_DDL_MESSAGE =
      "DDL not allowed on tenant databases - use workspace mode";

  private static final Set<String> TENANT_UTILITIES =
      Set.of(
          "EXPLAIN",
          "ANALYZE",
          "VACUUM",
          "LOCK TABLE",
          "LISTEN",
          "NOTIFY",
          "UNLISTEN",
          "PREPARE",
          "EXECUTE",
          "DEALLOCATE");

  private final ConnectionMode mode;
  private final String workspace;
  private final WorkspaceSettings settings;
  private final SettingRules settingRules;

  private Policy(ConnectionMode mode, String workspace, WorkspaceSettings settings) {
    this.mode = mode;
    this.workspace = workspace;
    this.settings = settings;
    this.settingRules = new SettingRules(workspace, settings);
  }

  /**
   * The policy for one logical database.
   *
   * @param mode what kind of database it is
   * @param workspace the workspace whose blueprint and settings apply (for a tenant, the workspace
   *     where its schema is designed, named in hints)
   * @param settings the workspace's settings
   */
  public static Policy of(ConnectionMode mode, String workspace, WorkspaceSettings settings) {
    return new Policy(mode, workspace, settings);
  }

  /** The mode this policy enforces. */
  public ConnectionMode mode() {
    return mode;
  }

  /** The settings this policy enforces. */
  public WorkspaceSettings settings() {
    return settings;
  }

  /** Allows the text only when every statement in it is allowed; else the first rejection. */
  public Decision decide(Classification classification) {
    for (ClassifiedStatement statement : classification.statements()) {
      Decision decision = decide(statement);
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.ALLOW;
  }

  /**
   * Decides a run-time setting given outside SQL text, such as a startup parameter or an {@code
   * options=-c name=value} pair, exactly as {@code SET "name" TO 'value'} is decided. Dashes in the
   * name read as underscores, as PostgreSQL reads {@code -c client-encoding=...} in options.
   *
   * @param name the setting's name, any case
   * @param value its value as the client gave it
   */
  public Decision decideSetting(String name, String value) {
    String setting = name.replace('-', '_').replace("\"", "\"\"");
    String sql = "SET \"" + setting + "\" TO '" + value.replace("'", "''") + "'";
    return decide(SqlClassifier.classifyUncached(sql));
  }

  /** Decides one statement. */
  public Decision decide(ClassifiedStatement statement) {
    Decision decision =
        mode == ConnectionMode.TENANT ? decideRecognizedOnTenant(statement) : Decision.ALLOW;
    if (decision.allowed()) {
      decision = decideEverywhere(statement);
    }
    if (decision.allowed() && mode == ConnectionMode.TENANT) {
      decision = decideOnTenant(statement);
    }
    if (decision.allowed() && mode == ConnectionMode.WORKSPACE) {
      decision = decideInWorkspace(statement);
    }
    if (decision.allowed() && statement.inner() != null) {
      decision = decide(statement.inner());
    }
    return decision;
  }

  /**
   * On a tenant, tdb refuses what it cannot classify (fail closed). In workspaces and control
   * databases such text goes to the server, which answers with its own syntax error and position,
   * as PostgreSQL would: the classifier knows every command of PostgreSQL's grammar (the
   * classification corpus holds each one), so what it does not recognize does not run, and an
   * unterminated quote or comment makes the server refuse the whole text before running any of it.
   */
  private static Decision decideRecognizedOnTenant(ClassifiedStatement statement) {
    if (statement.has(StatementFact.MALFORMED)) {
      return new Decision.Reject(
          SqlState.SYNTAX_ERROR,
          "unterminated quoted string, comment or parenthesis",
          "close every quote, dollar quote, comment and parenthesis in the statement");
    }
    if (statement.kind() == StatementKind.UNKNOWN) {
      return new Decision.Reject(
          SqlState.INSUFFICIENT_PRIVILEGE,
          "statement not recognized by tdb",
          "tdb refuses what it cannot classify on tenant databases; check the statement's first"
              + " keyword");
    }
    return Decision.ALLOW;
  }

  private Decision decideEverywhere(ClassifiedStatement statement) {
    if (statement.kind() == StatementKind.PRIVILEGED) {
      return new Decision.Reject(
          SqlState.INSUFFICIENT_PRIVILEGE,
          statement.commandTag() + " is not allowed through tdb",
          "databases, roles and server settings are managed by the tdb admin"
              + " service (tdb workspaces, tdb tenants)");
    }
    if (mode != ConnectionMode.CONTROL) {
      for (SettingChange change : statement.settingChanges()) {
        Decision decision = settingRules.lexerSettings(change);
        if (!decision.allowed()) {
          return decision;
        }
      }
    }
    return Decision.ALLOW;
  }

  /**
   * PostgreSQL fires no event trigger for DDL run by {@code EXPLAIN ANALYZE}, so blueprint capture
   * could not see it and the workspace would drift from its blueprint.
   */
  private Decision decideInWorkspace(ClassifiedStatement statement) {
    if (statement.has(StatementFact.EXECUTES_INNER)
        && statement.inner() != null
        && statement.inner().kind() == StatementKind.DDL) {
      return new Decision.Reject(
          SqlState.FEATURE_NOT_SUPPORTED,
          "EXPLAIN ANALYZE of DDL is not allowed in a workspace",
          "PostgreSQL does not report DDL run by EXPLAIN ANALYZE to blueprint capture; run the"
              + " statement without EXPLAIN ANALYZE");
    }
    for (String extension : statement.extensions()) {
      if (!TrustedExtensions.contains(extension)) {
        return untrustedExtension(extension);
      }
    }
    for (SettingChange change : statement.settingChanges()) {
      Decision decision = settingRules.inWorkspace(change);
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.ALLOW;
  }

  /**
   * Deployments create a blueprint's extensions as its owner role, which is no superuser;
   * PostgreSQL would refuse an untrusted one there, so the workspace refuses it first, with a
   * reason.
   */
  private static Decision untrustedExtension(String extension) {
    return new Decision.Reject(
        SqlState.INSUFFICIENT_PRIVILEGE,
        "extension \"" + extension + "\" is not trusted and cannot be part of a blueprint",
        "deployments create a blueprint's extensions in every tenant as its owner role, and"
            + " PostgreSQL lets a role that is not a superuser create only the extensions it ships"
            + " as trusted: "
            + String.join(", ", TrustedExtensions.names())
            + "; an untrusted extension needs a superuser in every database, so an operator can"
            + " install "
            + extension
            + " only outside blueprints and tenants, for example in the application's control"
            + " database");
  }

  private Decision decideOnTenant(ClassifiedStatement statement) {
    Decision decision = decideTenantKind(statement);
    if (decision.allowed() && !statement.catalogWrites().isEmpty()) {
      decision =
          tenantReject(
              "writing to "
                  + statement.catalogWrites().get(0)
                  + " is not allowed on tenant databases",
              "system catalogs are read-only for tenants; change settings with SET, within the"
                  + " workspace's limits");
    }
    if (decision.allowed()) {
      decision = decideTenantSettings(statement);
    }
    if (decision.allowed() && !statement.restrictedFunctions().isEmpty()) {
      decision = restrictedFunction(statement.restrictedFunctions().get(0));
    }
    if (decision.allowed()
        && statement.has(StatementFact.ADVISORY_LOCK)
        && !settings.allowAdvisoryLocks()) {
      decision =
          tenantReject(
              "advisory locks are disabled for this workspace",
              "set allow_advisory_locks to true in the settings of " + workspace);
    }
    return decision;
  }

  /** Large-object functions (all named lo...) get a hint of their own: bytea columns. */
  private static Decision restrictedFunction(String name) {
    return tenantReject(
        "function " + name + " not allowed on tenant databases",
        name.startsWith("lo")
            ? "large objects live outside tables and are not available to tenants; store binary"
                + " data in bytea columns"
            : name.startsWith("query_to_xml") || name.startsWith("ts_")
                ? "it runs SQL given as text, which tdb cannot check; run that query itself"
                : "server administration functions are not available to tenants");
  }

  private Decision decideTenantKind(ClassifiedStatement statement) {
    switch (statement.kind()) {
      case DDL:
        return decideTenantDdl(statement);
      case WRITE:
        return statement.commandTag().equals("TRUNCATE TABLE")
            ? tenantReject(
                "TRUNCATE not allowed on tenant databases",
                "use DELETE FROM to remove rows from a tenant's table")
            : Decision.ALLOW;
      case COPY:
        return statement.copyTarget() == CopyTarget.CLIENT
            ? Decision.ALLOW
            : tenantReject(
                "COPY to or from a server file or program is not allowed",
                "use COPY ... FROM STDIN or COPY ... TO STDOUT (psql: \\copy)");
      case UTILITY:
        return decideTenantUtility(statement);
      default:
        return Decision.ALLOW;
    }
  }

  private Decision decideTenantDdl(ClassifiedStatement statement) {
    if (!statement.has(StatementFact.TEMPORARY)) {
      return tenantReject(
          TENANT_DDL_MESSAGE,
          "change the schema in "
              + workspace
              + "; deployments take it to every tenant (tdb deployments create --blueprint "
              + blueprintOf(workspace)
              + " --all)");
    }
    return settings.allowTempTables()
        ? Decision.ALLOW
        : tenantReject(
            "temporary tables are disabled for this workspace",
            "set allow_temp_tables to true in the settings of " + workspace);
  }

  private Decision decideTenantUtility(ClassifiedStatement statement) {
    if (statement.has(StatementFact.ANONYMOUS_CODE)) {
      return tenantReject(
          "DO blocks not allowed on tenant databases",
          "create a function in " + workspace + ", deploy it, and call it from the tenant");
    }
    if (TENANT_UTILITIES.contains(statement.commandTag())) {
      return Decision.ALLOW;
    }
    return tenantReject(
        statement.commandTag() + " not allowed on tenant databases",
        "run maintenance commands through the tdb admin service");
  }

  private Decision decideTenantSettings(ClassifiedStatement statement) {
    for (SettingChange change : statement.settingChanges()) {
      Decision decision = settingRules.onTenant(change);
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.ALLOW;
  }

  static Decision.Reject tenantReject(String message, String hint) {
    return new Decision.Reject(SqlState.INSUFFICIENT_PRIVILEGE, message, hint);
  }

  /**
   * The blueprint designed in {@code workspace}: its name without the {@code _workspace} suffix.
   */
  static String blueprintOf(String workspace) {
    String suffix = "_workspace";
    return workspace.endsWith(suffix)
        ? workspace.substring(0, workspace.length() - suffix.length())
        : workspace;
  }
}
