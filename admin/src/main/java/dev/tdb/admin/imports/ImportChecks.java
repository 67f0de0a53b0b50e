/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The refusals an import gives from its analysis, before anything is written. */
final class ImportChecks {
  private ImportChecks() {}

  /**
   * The routing values to import.
   *
   * @throws AdminException conflict for name collisions, NULL routing values (unless skipped) and
   *     cross-tenant foreign keys; invalid for tenants the source does not have
   */
  static List<Analysis.TenantValue> chosen(Analysis analysis, ImportRequest request) {
    if (!analysis.nameCollisions().isEmpty()) {
      throw new AdminException(
          AdminError.TENANT_NAME_COLLISION,
          "routing values map to the same tenant name: "
              + analysis.nameCollisions().stream()
                  .map(c -> c.tenant() + " <- " + c.values())
                  .collect(Collectors.joining("; ")),
          "name the tenants of these values with --tenant-map, or change the routing values in"
              + " the source so that they differ after lowercasing and mapping characters outside"
              + " [a-z0-9_] to _");
    }
    if (analysis.nullRoutingTotal() > 0
        && request.nullRouting() == ImportRequest.NullRouting.REFUSE) {
      throw new AdminException(
          AdminError.NULL_ROUTING_VALUES,
          analysis.nullRoutingTotal()
              + " rows have a NULL "
              + request.routingField()
              + ": "
              + analysis.nullRoutingRows(),
          "give them a tenant in the source, or leave them out with --null-routing skip");
    }
    if (!analysis.crossTenantKeys().isEmpty()) {
      throw new AdminException(
          AdminError.CROSS_TENANT_FOREIGN_KEYS,
          "rows reference rows of another tenant: "
              + analysis.crossTenantKeys().stream()
                  .map(
                      k ->
                          k.constraint()
                              + " ("
                              + k.child()
                              + " -> "
                              + k.parent()
                              + "): "
                              + k.rows())
                  .collect(Collectors.joining("; ")),
          "such rows cannot hold in separate tenant databases; fix them in the source first");
    }
    if (request.only() == null) {
      return analysis.tenants();
    }
    List<Analysis.TenantValue> chosen = new ArrayList<>();
    for (String name : request.only()) {
      chosen.add(
          analysis.tenants().stream()
              .filter(t -> t.tenant().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      AdminException.invalid(
                          "tenants", "names " + name + ", which no routing value maps to")));
    }
    return chosen;
  }

  /**
   * ImportChecks the tenants against the request.
   *
   * @throws AdminException conflict when a tenant exists and may not, or is missing and must exist
   */
  static void tenants(
      ImportRequest request, List<Analysis.TenantValue> chosen, List<String> existing) {
    if (request.tenants() == ImportRequest.Tenants.CREATE && !existing.isEmpty()) {
      throw new AdminException(
          AdminError.TENANTS_EXIST,
          "these tenants exist already: " + existing,
          "import into them with --into-existing, or leave them out with --tenants");
    }
    if (request.tenants() == ImportRequest.Tenants.EXISTING) {
      List<String> missing =
          chosen.stream()
              .map(Analysis.TenantValue::tenant)
              .filter(t -> !existing.contains(t))
              .toList();
      if (!missing.isEmpty()) {
        throw new AdminException(
            AdminError.TENANTS_MISSING,
            "these tenants do not exist: " + missing,
            "create them with --create-tenants");
      }
    }
  }
}
