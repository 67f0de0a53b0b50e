/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS for the REST API: a PKCS#12 key store holding the server's private key and certificate chain,
 * as {@code keytool -genkeypair -storetype PKCS12} or {@code openssl pkcs12 -export} make it.
 *
 * @param keyStore the key store file
 * @param password its password (also the key's); never logged (see {@link #toString()})
 */
public record AdminTls(Path keyStore, String password) {
  /** Checks that both are present. */
  public AdminTls {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(password, "password");
  }

  /**
   * The server's TLS context from the key store, so a wrong path or password fails at start with a
   * clear message.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read as PKCS#12 with this
   *     password
   */
  public SSLContext sslContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS key store "
              + keyStore
              + " as PKCS#12 with the given password: "
              + e.getMessage(),
          e);
    }
  }

  /** The key store's path, without the password. */
  @Override
  public String toString() {
    return "AdminTls[keyStore=" + keyStore + "]";
  }
}
