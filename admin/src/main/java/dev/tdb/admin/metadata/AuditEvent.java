/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit log.
 *
 * @param id the entry's key, newest highest
 * @param account the acting account's user, or null for in-process actions (InProcessAdmin)
 * @param action what was done ({@code tenant.create})
 * @param target what it was done to ({@code myapp__acme})
 * @param details more facts, never secrets
 * @param at when (ISO-8601)
 */
public record AuditEvent(
    String id,
    @JsonPropertyDescription("null for actions of the operator (in-process bootstrap)")
        @Nullable String account,
    String action,
    String target,
    Map<String, Object> details,
    String at) {

  /** Copies the details. */
  public AuditEvent {
    details = Map.copyOf(details);
  }
}
