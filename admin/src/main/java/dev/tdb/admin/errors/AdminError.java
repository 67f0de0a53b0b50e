/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.errors;

import dev.tdb.admin.errors.AdminException.Kind;
import java.util.Locale;

/**
 * The stable error codes of the admin API, each with the kind (and so the HTTP status) it always
 * has. The code on the wire is the constant's name in lower case ({@code tenant_exists}). Two
 * families are made from names instead: {@code invalid_<field>} ({@link AdminException#invalid})
 * and {@code <thing>_not_found} ({@link AdminException#notFound}). docs/admin-api.md lists them
 * all.
 */
public enum AdminError {
  ACCOUNT_REQUIRED(Kind.FORBIDDEN),
  ADMIN_REQUIRED(Kind.FORBIDDEN),
  ALREADY_EXISTS(Kind.CONFLICT),
  CLUSTER_EXISTS(Kind.CONFLICT),
  CLUSTER_FULL(Kind.CONFLICT),
  CLUSTER_IN_USE(Kind.CONFLICT),
  CLUSTER_REFUSED(Kind.REFUSED),
  CLUSTER_UNAVAILABLE(Kind.UNAVAILABLE),
  CONNECTION_BUDGET(Kind.INVALID),
  CREDENTIAL_NOT_ALLOWED(Kind.FORBIDDEN),
  CROSS_TENANT_FOREIGN_KEYS(Kind.CONFLICT),
  DEPLOYMENT_DOWNGRADE(Kind.CONFLICT),
  EXISTS_ON_CLUSTER(Kind.CONFLICT),
  EXTENSIONS_UNAVAILABLE(Kind.CONFLICT),
  FAN_OUT_BUSY(Kind.RATE_LIMITED),
  IMPORT_NOT_RESUMABLE(Kind.CONFLICT),
  INSUFFICIENT_SPACE(Kind.CONFLICT),
  INVALID_SQL(Kind.INVALID),
  INVALID_STATE(Kind.CONFLICT),
  INVALID_TENANT_MAP(Kind.REFUSED),
  METADATA_UNAVAILABLE(Kind.UNAVAILABLE),
  NAME_TAKEN(Kind.CONFLICT),
  NO_CLUSTER_CAPACITY(Kind.CONFLICT),
  NO_INVERSE(Kind.CONFLICT),
  NOT_A_TENANT_WORKSPACE(Kind.CONFLICT),
  NOT_CONTROL_WORKSPACE(Kind.CONFLICT),
  NOT_LATEST_CHANGE(Kind.CONFLICT),
  NOT_SUPERUSER(Kind.REFUSED),
  NULL_ROUTING_VALUES(Kind.CONFLICT),
  REVERT_REFUSED(Kind.REFUSED),
  ROUTING_FIELD_IN_CONSTRAINT(Kind.CONFLICT),
  ROUTING_FIELD_NOT_FOUND(Kind.NOT_FOUND),
  SCHEMA_READ_FAILED(Kind.REFUSED),
  SCHEMA_STATEMENT_REFUSED(Kind.REFUSED),
  SCOPE_EXCEEDS_CALLER(Kind.FORBIDDEN),
  SCOPE_INSUFFICIENT(Kind.FORBIDDEN),
  SOURCE_CONNECT_FAILED(Kind.REFUSED),
  SOURCE_HOST_NOT_ALLOWED(Kind.FORBIDDEN),
  SOURCE_RATE_LIMITED(Kind.RATE_LIMITED),
  SOURCE_READ_FAILED(Kind.REFUSED),
  SOURCE_TOO_OLD(Kind.CONFLICT),
  SQL_NOT_ALLOWED(Kind.FORBIDDEN),
  TENANT_DROPPING(Kind.CONFLICT),
  TENANT_EXISTS(Kind.CONFLICT),
  TENANT_NAME_COLLISION(Kind.CONFLICT),
  TENANT_ROLE_IN_USE(Kind.CONFLICT),
  TENANTS_EXIST(Kind.CONFLICT),
  TENANTS_MISSING(Kind.CONFLICT),
  UNAUTHENTICATED(Kind.UNAUTHENTICATED),
  UNSUPPORTED_VERSION(Kind.REFUSED),
  UP_PROFILE_MISSING(Kind.CONFLICT),
  UPGRADE_FAILED(Kind.REFUSED),
  VERSION_DEPLOYED(Kind.CONFLICT),
  VERSION_SKIPPED(Kind.CONFLICT),
  WORKSPACE_HAS_TENANTS(Kind.CONFLICT);

  private final Kind kind;

  AdminError(Kind kind) {
    this.kind = kind;
  }

  /** The kind, which decides the HTTP status. */
  public Kind kind() {
    return kind;
  }

  /** The code on the wire. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
