/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;

/**
 * A user event: the credential a session authenticated with was revoked, or the secret it gave
 * expired after a rotation. The session ends as for {@link Shutdown#NOW}, with {@link #error()}.
 *
 * @param user the credential user
 */
public record Revoked(String user) {

  /** What the client is told: FATAL 28000, with how to connect again. */
  public ErrorResponse error() {
    return ErrorResponse.fatal(ProxyErrors.credentialRevoked(user));
  }
}
