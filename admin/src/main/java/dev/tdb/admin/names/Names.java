/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.names;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.ConnectionMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules of docs/admin-api.md and the names derived from them: logical names, runtime
 * roles ({@code <logical>__rt}) and blueprint owner roles ({@code <blueprint>__owner}). Every name
 * is checked here before any SQL is built from it.
 */
public final class Names {
  /** PostgreSQL truncates identifiers longer than this (NAMEDATALEN - 1). */
  static final int MAX_IDENTIFIER = 63;

  private static final String SUFFIX = "_workspace";
  private static final Pattern CONTROL_WORKSPACE = Pattern.compile("[a-z][a-z0-9_]{0,39}" + SUFFIX);
  private static final Pattern SIMPLE = Pattern.compile("[a-z][a-z0-9_]{0,29}");
  private static final String RUNTIME_SUFFIX = "__rt";
  private static final String READ_ONLY_SUFFIX = "__ro";
  // PostgreSQL refuses role names with this prefix (42939), and every name a user gives starts a
  // derived role name: <blueprint>__owner, <workspace>__rt, <blueprint>__<tenant>__rt.
  private static final String RESERVED_PREFIX = "pg_";

  private Names() {}

  /**
   * Checks a workspace name for its mode and returns the blueprint a tenant workspace designs.
   *
   * @throws AdminException (invalid, field {@code name} or {@code mode})
   */
  public static Optional<String> workspaceBlueprint(String name, ConnectionMode mode) {
    if (mode == ConnectionMode.CONTROL) {
      if (name == null || !CONTROL_WORKSPACE.matcher(name).matches()) {
        throw AdminException.invalid(
            "name",
            "of a control workspace must match [a-z][a-z0-9_]{0,39}_workspace, got " + shown(name));
      }
      refuseReserved("name", name, "control workspace name");
      return Optional.empty();
    }
    if (mode != ConnectionMode.WORKSPACE) {
      throw AdminException.invalid("mode", "must be control or workspace");
    }
    if (name == null || !name.endsWith(SUFFIX)) {
      throw AdminException.invalid(
          "name", "of a tenant workspace must be <blueprint>_workspace, got " + shown(name));
    }
    String blueprint = name.substring(0, name.length() - SUFFIX.length());
    checkSimple("name", blueprint, "the blueprint part of the workspace name");
    return Optional.of(blueprint);
  }

  /**
   * Checks a blueprint name given on its own.
   *
   * @throws AdminException (invalid, field {@code blueprint})
   */
  public static void checkBlueprint(String blueprint) {
    checkSimple("blueprint", blueprint, "blueprint");
  }

  /**
   * Checks a tenant's name and returns its logical name {@code <blueprint>__<tenant>}.
   *
   * @throws AdminException (invalid, field {@code name}) also when the runtime role's name would
   *     pass PostgreSQL's 63-character identifier limit
   */
  public static String tenantLogicalName(String blueprint, String tenant) {
    checkBlueprint(blueprint);
    checkSimple("name", tenant, "tenant name");
    String logical = blueprint + "__" + tenant;
    if (runtimeRole(logical).length() > MAX_IDENTIFIER) {
      throw AdminException.invalid(
          "name",
          "makes the runtime role "
              + runtimeRole(logical)
              + " longer than PostgreSQL's 63 characters; blueprint and tenant name together"
              + " may have at most "
              + (MAX_IDENTIFIER - RUNTIME_SUFFIX.length() - 2)
              + " characters");
    }
    return logical;
  }

  /** The runtime role of a logical database. */
  public static String runtimeRole(String logicalName) {
    return logicalName + RUNTIME_SUFFIX;
  }

  /**
   * The read-only role of a tenant, for read-only credentials; as long as the runtime role's name,
   * so the check of {@link #tenantLogicalName} covers it.
   */
  public static String readOnlyRole(String logicalName) {
    return logicalName + READ_ONLY_SUFFIX;
  }

  /** The context a logical database's runtime role password is sealed for. */
  public static String secretContext(String logicalName) {
    return "runtime/" + logicalName;
  }

  /** The role that owns a blueprint's tenant databases. */
  public static String ownerRole(String blueprint) {
    return blueprint + "__owner";
  }

  /**
   * The template database new tenants of a blueprint are copied from. Every name a user can give
   * starts with a lowercase letter, so the leading underscore keeps it clear of every tenant,
   * workspace and control database ({@code tdb_template__x} would be tenant {@code x} of a
   * blueprint named {@code tdb_template}).
   */
  public static String templateDatabase(String blueprint) {
    return "_tdb_template__" + blueprint;
  }

  private static void checkSimple(String field, String value, String what) {
    if (value == null || !SIMPLE.matcher(value).matches() || value.contains("__")) {
      throw AdminException.invalid(
          field,
          "(" + what + ") must match [a-z][a-z0-9_]{0,29} without '__', got " + shown(value));
    }
    refuseReserved(field, value, what);
  }

  /**
   * Refuses names PostgreSQL reserves, which pass the patterns above and would only fail at the
   * server, after half the work is done.
   */
  private static void refuseReserved(String field, String value, String what) {
    if (value.startsWith(RESERVED_PREFIX)) {
      throw AdminException.invalid(
          field,
          "("
              + what
              + ") must not start with '"
              + RESERVED_PREFIX
              + "': PostgreSQL reserves role names starting with it, and the roles tdb makes are"
              + " named after this name; got "
              + shown(value));
    }
  }

  private static String shown(String value) {
    return value == null ? "nothing" : "'" + value + "'";
  }
}
