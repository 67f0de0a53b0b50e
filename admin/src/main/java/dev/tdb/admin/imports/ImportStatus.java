/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.metadata.RunStatus;
import dev.tdb.admin.metadata.TenantRunStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An import as {@code tdb workspaces import-status} shows it.
 *
 * @param id its number
 * @param workspace the tenant workspace it imports into
 * @param kind {@code full} (schema and data) or {@code data}
 * @param source {@code host:port/database}
 * @param routingField the column that names each row's tenant
 * @param status running, succeeded or failed
 * @param phase what it is doing: schema, deploy, tenants, data, done
 * @param error why it failed, or null
 * @param tenantsTotal tenants to import
 * @param tenantsDone tenants that have finished ({@link TenantRunStatus#finished()})
 * @param rowsExpected rows to copy over all tenants
 * @param rowsCopied rows copied and verified so far
 * @param tenants each tenant's status
 */
public record ImportStatus(
    long id,
    String workspace,
    String kind,
    String source,
    String routingField,
    RunStatus status,
    String phase,
    @Nullable String error,
    int tenantsTotal,
    int tenantsDone,
    long rowsExpected,
    long rowsCopied,
    List<TenantStatus> tenants) {

  /**
   * One tenant of an import.
   *
   * @param tenant the tenant's name
   * @param routingValue the routing value its rows carry in the source
   * @param status pending, running, succeeded (copied and verified) or failed (rolled back)
   * @param rowsExpected its rows in the source
   * @param rowsCopied rows copied and verified
   * @param error why it failed, or null
   */
  public record TenantStatus(
      String tenant,
      String routingValue,
      TenantRunStatus status,
      long rowsExpected,
      long rowsCopied,
      @Nullable String error) {}

  /** Copies the list. */
  public ImportStatus {
    tenants = List.copyOf(tenants);
  }
}
