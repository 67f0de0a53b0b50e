/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.credentials;

/**
 * A credential's new secret, the only time it is shown: at creation and at each rotation.
 *
 * @param credential the credential, with the new secret listed first
 * @param secret the secret; never shown by {@link #toString()}
 */
public record IssuedSecret(Credential credential, String secret) {

  /** Everything but the secret. */
  @Override
  public String toString() {
    return "IssuedSecret[" + credential + "]";
  }
}
