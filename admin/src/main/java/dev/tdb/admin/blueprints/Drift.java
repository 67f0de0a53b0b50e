/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of a blueprint whose schema is not what its template says it should be.
 *
 * @param blueprint the blueprint
 * @param releasedVersion its newest released version
 * @param checked how many tenants were compared
 * @param items the tenants that differ, by logical name
 */
public record Drift(
    String blueprint,
    int releasedVersion,
    @JsonPropertyDescription("how many tenants were compared") int checked,
    List<Tenant> items) {
  /**
   * One tenant that differs from its template.
   *
   * @param logicalName the tenant
   * @param cluster its cluster
   * @param status {@code differs}, {@code version differs}, {@code no template} or {@code
   *     unreachable}
   * @param schemaVersion the version in the tenant's database, or null when unreachable
   * @param templateVersion the version of the template on its cluster, or null when there is none
   * @param fingerprint the tenant's catalog fingerprint, or null when not computed
   * @param templateFingerprint the template's, or null
   * @param object the first object that differs ({@code kind schema.name}), or null
   * @param tenantDefinition that object in the tenant, or null when missing there
   * @param templateDefinition that object in the template, or null when missing there
   * @param error why the tenant or its template could not be read, or null
   */
  public record Tenant(
      String logicalName,
      String cluster,
      String status,
      @Nullable Integer schemaVersion,
      @Nullable Integer templateVersion,
      @JsonPropertyDescription("SHA-256 of the tenant's catalog description")
          @Nullable String fingerprint,
      @Nullable String templateFingerprint,
      @JsonPropertyDescription("the first differing object, e.g. column public.items.name")
          @Nullable String object,
      @JsonPropertyDescription("that object in the tenant, null when missing there")
          @Nullable String tenantDefinition,
      @JsonPropertyDescription("that object in the template, null when missing there")
          @Nullable String templateDefinition,
      @JsonPropertyDescription("why the tenant or template could not be read")
          @Nullable String error) {}
}
