/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminException;
import java.util.List;
import java.util.Map;

/**
 * What to import and how.
 *
 * @param source the shared database
 * @param routingField the column naming each row's tenant
 * @param kind schema and data, or data only
 * @param routing whether an import with schema keeps the routing column in tenant databases
 * @param tenants whether tenants are created or must exist
 * @param only the tenant names to import, or null for all
 * @param parallel how many tenants are copied at once
 * @param shared what happens to tables without the routing column
 * @param nullRouting what happens to rows whose routing value is NULL
 * @param controlWorkspace the control workspace shared tables go to with {@link Shared#CONTROL}
 * @param tenantMap tenant names given for routing values; other values' names are derived
 */
public record ImportRequest(
    ImportSource source,
    String routingField,
    Kind kind,
    RoutingColumn routing,
    Tenants tenants,
    List<String> only,
    int parallel,
    Shared shared,
    NullRouting nullRouting,
    String controlWorkspace,
    Map<String, String> tenantMap) {
  /** The default fan-out. */
  public static final int DEFAULT_PARALLEL = 4;

  /**
   * Schema and data ({@code import-full}) or data into the deployed schema ({@code import-data}).
   */
  public enum Kind {
    FULL,
    DATA
  }

  /** The routing column in tenant databases, for an import with schema. */
  public enum RoutingColumn {
    DROP,
    KEEP
  }

  /** Where the tenants come from. */
  public enum Tenants {
    /** Created; a tenant that exists already is refused. */
    CREATE,
    /** Created when missing, existing ones imported into. */
    CREATE_OR_EXISTING,
    /** Must all exist. */
    EXISTING
  }

  /** Tables without the routing column. */
  public enum Shared {
    /** Copied into every tenant. */
    COPY,
    /** Left out of tenant databases (their schema still is in the blueprint). */
    SKIP,
    /** Created with their rows in the control workspace, left out of tenant databases. */
    CONTROL
  }

  /** Rows whose routing value is NULL. */
  public enum NullRouting {
    /** The import is refused before anything is written. */
    REFUSE,
    /** They are not imported. */
    SKIP
  }

  /** Checks the bounds. */
  public ImportRequest {
    if (source == null) {
      throw AdminException.invalid("host", "of the source database is required");
    }
    if (routingField == null || routingField.isBlank()) {
      throw AdminException.invalid("routing_field", "is required");
    }
    if (parallel < 1 || parallel > 32) {
      throw AdminException.invalid("parallel", "must be from 1 to 32, got " + parallel);
    }
    only = only == null ? null : List.copyOf(only);
    tenantMap = tenantMap == null ? Map.of() : Map.copyOf(tenantMap);
    if (shared == Shared.CONTROL && (controlWorkspace == null || controlWorkspace.isBlank())) {
      throw AdminException.invalid(
          "control_workspace", "is required with shared control: the workspace to copy into");
    }
  }
}
