/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.credentials;

import java.util.List;

/**
 * What {@code POST /v1/credentials} asks for.
 *
 * @param blueprint the blueprint whose tenants the credential reaches
 * @param tenants tenant names (without the blueprint) it is limited to; empty for all of them
 * @param readOnly whether its sessions are read-only
 * @param name what to call it; null for the blueprint's name
 */
public record CredentialRequest(
    String blueprint, List<String> tenants, boolean readOnly, String name) {

  /** Copies the list. */
  public CredentialRequest {
    tenants = tenants == null ? List.of() : List.copyOf(tenants);
  }
}
