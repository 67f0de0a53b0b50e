/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over TLS: account secrets never cross the network in clear. */
@ExtendWith(PostgresExtension.class)
final class AdminTlsIT {
  private static final String PASSWORD = "store-password";

  @Test
  void servesHttpsOnlyWithTheConfiguredCertificate(TestPostgres postgres, @TempDir Path dir)
      throws Exception {
    Path keyStore = createKeyStore(dir);
    String database = postgres.createDatabase("tdb_admin_tls");
    AdminConfig config =
        AdminConfig.builder(
                postgres.jdbcUrl(database),
                postgres.superuser(),
                postgres.password(),
                SecretKey.generate())
            .listen("127.0.0.1", 0)
            .poolSize(2)
            .tls(new AdminTls(keyStore, PASSWORD))
            .build();
    try (AdminServer server = AdminServer.start(config)) {
      URI base = server.baseUri();
      assertThat(base.getScheme()).isEqualTo("https");
      AccountCredentials account = server.inProcess().createAccount();
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();

      HttpResponse<String> tenants =
          trusting.send(
              HttpRequest.newBuilder(base.resolve("v1/tenants"))
                  .header("Authorization", basic(account))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(tenants.statusCode()).isEqualTo(200);

      URI plain = URI.create("http://127.0.0.1:" + server.port() + "/v1/health");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(plain).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .as("plain HTTP gets no answer from the TLS port")
          .isInstanceOf(IOException.class);

      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(base.resolve("v1/health")).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    } finally {
      postgres.dropDatabase(database);
    }
  }

  @Test
  void refusesToStartWithAWrongKeyStorePasswordNamingTheFile(@TempDir Path dir) throws Exception {
    Path keyStore = createKeyStore(dir);
    assertThatThrownBy(() -> new AdminTls(keyStore, "wrong").sslContext())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(keyStore.toString())
        .hasMessageNotContaining("wrong");
  }

  /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool as a user would. */
  private static Path createKeyStore(Path dir) throws Exception {
    Path keyStore = dir.resolve("admin.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "tdb-admin",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(Files.exists(keyStore)).isTrue();
    return keyStore;
  }

  private static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static String basic(AccountCredentials account) {
    String pair = account.user() + ":" + account.secret();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
