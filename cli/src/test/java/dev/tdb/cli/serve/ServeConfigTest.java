/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.AdminConfig;
import dev.tdb.admin.deployments.DeploymentLease;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.proxy.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, checking and overriding the YAML files of {@code tdb admin|proxy serve}. */
final class ServeConfigTest {
  private static final String KEY = SecretKey.generate().base64();

  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void secretsInTheEnvironment() {
    env = new HashMap<>(Map.of("TDB_ADMIN_SECRET_KEY", KEY, "TDB_PROXY_ADMIN_API_KEY", "k"));
  }

  @Test
  void appliesDefaultsAndMapsEveryKeyOntoAdminConfig() throws IOException {
    Path password = write("pw", "metadata-secret\n");
    AdminServeConfig config =
        admin(
            """
            metadata:
              url: jdbc:postgresql://db:5432/tdb_admin
              user: tdb
              password_file: %s
            """
                .formatted(password));
    AdminConfig admin = config.admin();
    assertThat(admin.metadataPassword()).isEqualTo("metadata-secret");
    assertThat(admin.secretKey()).isEqualTo(SecretKey.parse(KEY));
    assertThat(admin.port()).isEqualTo(7070);
    assertThat(admin.bindHost()).isEqualTo("127.0.0.1");
    assertThat(admin.poolSize()).isEqualTo(8);
    assertThat(admin.queryLogRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(admin.lockWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(admin.roleCheckInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(admin.deploymentLease()).isEqualTo(DeploymentLease.DEFAULT);
    assertThat(admin.sourcePolicy().allowedHosts()).isEmpty();
    assertThat(admin.tls()).isEmpty();
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.firstAccountFile()).isEmpty();
  }

  @Test
  void readsNestedKeysListsSizesAndDurations() throws IOException {
    env.put("TDB_ADMIN_HTTP_TLS_KEYSTORE_PASSWORD", "store-pw");
    AdminServeConfig config =
        admin(
            base()
                + """
                http:
                  port: 8080
                  tls:
                    keystore: /etc/tdb/admin.p12
                query_log:
                  retention: 30d
                imports:
                  allowed_hosts:
                    - 10.0.0.0/8
                    - legacy.internal
                  free_space_reserve: 64MB
                clusters:
                  lock_wait: 500ms
                  role_check_interval: PT0S
                drain_timeout: 2m
                """);
    AdminConfig admin = config.admin();
    assertThat(admin.port()).isEqualTo(8080);
    assertThat(admin.tls().orElseThrow().password()).isEqualTo("store-pw");
    assertThat(admin.queryLogRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(admin.sourcePolicy().allowedHosts())
        .containsExactly("10.0.0.0/8", "legacy.internal");
    assertThat(admin.importFreeSpaceReserve()).isEqualTo(64L << 20);
    assertThat(admin.lockWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(admin.roleCheckInterval()).isZero();
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void warnsAboutPlainHttpBeyondLoopbackOnly() throws IOException {
    assertThat(admin(base()).plainHttpWarning()).isEmpty();
    assertThat(admin(base() + "http:\n  bind: 0.0.0.0\n").plainHttpWarning())
        .hasValueSatisfying(w -> assertThat(w).contains("plain HTTP on 0.0.0.0"));
    env.put("TDB_ADMIN_HTTP_TLS_KEYSTORE_PASSWORD", "pw");
    String tls = "http:\n  bind: 0.0.0.0\n  tls:\n    keystore: /etc/tdb/admin.p12\n";
    assertThat(admin(base() + tls).plainHttpWarning()).isEmpty();
  }

  @Test
  void anOutOfRangeValueNamesTheKeyAndItsLine() {
    assertThatThrownBy(() -> admin(base() + "http:\n  bind: 0.0.0.0\n  port: 70000\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.port (admin.yaml line 6) must be from 0 to 65535, got 70000")
        .satisfies(e -> assertThat(((ConfigException) e).hint()).contains("TDB_ADMIN_HTTP_PORT"));
    assertThatThrownBy(() -> admin(base() + "drain_timeout: 2h\n"))
        .hasMessage("drain_timeout (admin.yaml line 4) must be from 1s to 1h, got 2h");
    assertThatThrownBy(() -> admin(base() + "clusters:\n  lock_wait: soon\n"))
        .hasMessageStartingWith("clusters.lock_wait (admin.yaml line 5) must be a duration");
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItAndItsLine() {
    assertThatThrownBy(() -> admin(base() + "http:\n  prot: 8080\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown key http.prot (admin.yaml line 5)")
        .satisfies(
            e -> assertThat(((ConfigException) e).hint()).contains("http.port", "http.bind"));
    env.put("TDB_ADMIN_HTTP_PROT", "8080");
    assertThatThrownBy(() -> admin(base()))
        .hasMessageContaining("unknown environment variable TDB_ADMIN_HTTP_PROT");
  }

  @Test
  void aSecretIsNeverReadFromTheFileItself() {
    assertThatThrownBy(() -> admin(base() + "secret_key: " + KEY + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secret_key (admin.yaml line 4) is a secret")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aSecretComesFromTheFileItsKeyNamesOrTheEnvironmentWhichWins() throws IOException {
    env.remove("TDB_ADMIN_SECRET_KEY");
    Path keyFile = write("secret.key", KEY + "\n");
    AdminServeConfig fromFile = admin(base() + "secret_key_file: " + keyFile + "\n");
    assertThat(fromFile.admin().secretKey()).isEqualTo(SecretKey.parse(KEY));

    String other = SecretKey.generate().base64();
    env.put("TDB_ADMIN_SECRET_KEY", other);
    AdminServeConfig fromEnv = admin(base() + "secret_key_file: " + keyFile + "\n");
    assertThat(fromEnv.admin().secretKey()).isEqualTo(SecretKey.parse(other));

    env.remove("TDB_ADMIN_SECRET_KEY");
    assertThatThrownBy(() -> admin(base()))
        .hasMessage("secret_key_file is required")
        .satisfies(
            e ->
                assertThat(((ConfigException) e).hint())
                    .contains("TDB_ADMIN_SECRET_KEY or TDB_ADMIN_SECRET_KEY_FILE"));
    assertThatThrownBy(() -> admin(base() + "secret_key_file: " + dir.resolve("missing") + "\n"))
        .hasMessageStartingWith("secret_key_file (admin.yaml line 4): cannot read");
  }

  @Test
  void anEnvironmentVariableOverridesTheFile() throws IOException {
    env.put("TDB_ADMIN_HTTP_PORT", "9090");
    env.put("TDB_ADMIN_METADATA_POOL_SIZE", "3");
    AdminServeConfig config = admin(base() + "http:\n  port: 8080\n");
    assertThat(config.admin().port()).isEqualTo(9090);
    assertThat(config.admin().poolSize()).isEqualTo(3);
    env.put("TDB_ADMIN_HTTP_PORT", "-1");
    assertThatThrownBy(() -> admin(base()))
        .hasMessage(
            "http.port (environment variable TDB_ADMIN_HTTP_PORT) must be from 0 to 65535, got -1");
  }

  @Test
  void aMissingRequiredKeyAndBadYamlAreNamed() throws IOException {
    assertThatThrownBy(() -> admin("metadata:\n  user: tdb\n"))
        .hasMessage("metadata.url is required");
    assertThatThrownBy(() -> admin(base() + "http: [1, 2\n"))
        .hasMessageContaining("admin.yaml line")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> admin(base() + "http:\n  port: 1\n  port: 2\n"))
        .hasMessage("http.port is given twice: admin.yaml line 5 and admin.yaml line 6");
  }

  @Test
  void mapsEveryProxyKeyOntoProxyConfig() throws IOException {
    ProxyServeConfig config =
        proxy(
            """
            listen:
              host: 0.0.0.0
              port: 6432
            admin:
              url: https://admin.internal:7070/
              timeout: 3s
              cache:
                route_refresh_after: 10s
                verifier_ttl: 20s
                max_staleness: 1h
            tls:
              mode: allowed
              certificate: /etc/tdb/proxy.crt
              key: /etc/tdb/proxy.key
            server_ca_file: /etc/tdb/servers.pem
            max_message_bytes: 16MB
            authentication:
              timeout: 10s
              max_pending: 64
            query_log:
              sql_length: 500
              file: /var/log/tdb/queries.jsonl
              capacity: 100
              flush_interval: 2s
            statement_stats:
              flush_interval: 3s
              max_statements: 50
            management:
              host: 0.0.0.0
              port: 9100
              tenant_tag_limit: 5
            drain_timeout: 20s
            """);
    ProxyConfig proxy = config.proxy();
    assertThat(proxy.host()).isEqualTo("0.0.0.0");
    assertThat(proxy.port()).isEqualTo(6432);
    assertThat(proxy.adminApiKey()).isEqualTo("k");
    assertThat(proxy.adminTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(proxy.adminCache())
        .isEqualTo(
            new ProxyConfig.AdminCache(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofHours(1)));
    assertThat(proxy.tls())
        .isEqualTo(
            ProxyConfig.Tls.pem(
                Path.of("/etc/tdb/proxy.crt"),
                Path.of("/etc/tdb/proxy.key"),
                ProxyConfig.TlsMode.ALLOWED));
    assertThat(proxy.serverCa()).contains(Path.of("/etc/tdb/servers.pem"));
    assertThat(proxy.maxMessageBytes()).isEqualTo(16 << 20);
    assertThat(proxy.authentication())
        .isEqualTo(new ProxyConfig.Authentication(Duration.ofSeconds(10), 64));
    assertThat(proxy.queryLog())
        .isEqualTo(
            new ProxyConfig.QueryLog(
                true,
                500,
                java.util.Optional.of(Path.of("/var/log/tdb/queries.jsonl")),
                100,
                Duration.ofSeconds(2),
                new ProxyConfig.Statistics(true, Duration.ofSeconds(3), 50)));
    assertThat(proxy.management()).isEqualTo(new ProxyConfig.Management(true, "0.0.0.0", 9100, 5));
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void refusesProxySettingsThatDoNotFitTogether() throws IOException {
    String admin = "admin:\n  url: http://127.0.0.1:7070/\n";
    assertThatThrownBy(() -> proxy(admin))
        .hasMessageStartingWith("tls.mode (default) needs tls.certificate and tls.key");
    assertThatThrownBy(() -> proxy(admin + "tls:\n  mode: none\n"))
        .hasMessage(
            "tls.mode (proxy.yaml line 4) must be one of disabled, allowed, required, got 'none'");
    assertThatThrownBy(
            () ->
                proxy(
                    admin
                        + "  cache:\n    route_refresh_after: 1m\n    max_staleness: 30s\n"
                        + "tls:\n  mode: disabled\n"))
        .hasMessageStartingWith(
            "admin.cache.max_staleness (proxy.yaml line 5) must not be shorter than");
    assertThatThrownBy(() -> proxy("admin:\n  url: postgres://x/\ntls:\n  mode: disabled\n"))
        .hasMessageStartingWith("admin.url (proxy.yaml line 2) must be an http:// or https:// URL");
    ProxyServeConfig plain = proxy(admin + "tls:\n  mode: disabled\n");
    assertThat(plain.proxy().tls().mode()).isEqualTo(ProxyConfig.TlsMode.DISABLED);
    assertThat(plain.proxy().queryLog().enabled()).isTrue();
    assertThat(plain.proxy().management().port()).isEqualTo(9543);
  }

  @Test
  void adminCaFileBuildsATrustContextAndAnUnreadableOneIsNamed() throws Exception {
    Path keyStore = dir.resolve("ca.p12");
    Path pem = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-dname",
        "CN=test ca",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        "changeit",
        "-storetype",
        "PKCS12");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    String yaml = "admin:\n  url: https://admin.internal/\n  ca_file: %s\ntls:\n  mode: disabled\n";
    assertThat(proxy(yaml.formatted(pem)).proxy().adminTls()).isPresent();
    assertThat(
            proxy(yaml.formatted(pem).replace("  ca_file: " + pem + "\n", "")).proxy().adminTls())
        .isEmpty();
    Path notPem = write("not.pem", "hello");
    assertThatThrownBy(() -> proxy(yaml.formatted(notPem)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("admin.ca_file: cannot read PEM certificates from " + notPem);
  }

  @Test
  void aDeploymentLeaseMustOutliveTwoRenewals() throws IOException {
    AdminServeConfig config =
        admin(base() + "deployments:\n  lease_ttl: 6s\n  lease_renew_interval: 2s\n");
    assertThat(config.admin().deploymentLease())
        .isEqualTo(new DeploymentLease(Duration.ofSeconds(6), Duration.ofSeconds(2)));

    env.put("TDB_ADMIN_DEPLOYMENTS_LEASE_RENEW_INTERVAL", "4s");
    assertThatThrownBy(() -> admin(base() + "deployments:\n  lease_ttl: 6s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("deployments.lease_ttl")
        .hasMessageContaining("at least twice deployments.lease_renew_interval");
  }

  @Test
  void theExampleFilesInTheDocsAreValid() throws IOException {
    String docs = Files.readString(Path.of("../docs/operations.md"));
    List<String> examples =
        Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL)
            .matcher(docs)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(examples).hasSize(2);
    env.put("TDB_ADMIN_METADATA_PASSWORD", "pw");
    env.put("TDB_ADMIN_HTTP_TLS_KEYSTORE_PASSWORD", "pw");
    AdminServeConfig admin = AdminServeConfig.load(write("admin.yaml", examples.get(0)), env);
    assertThat(admin.admin().port()).isEqualTo(7070);
    assertThat(admin.admin().importFreeSpaceReserve()).isEqualTo(1L << 30);
    // The example's CA file does not exist here.
    env.put("TDB_PROXY_ADMIN_CA_FILE", "");
    ProxyServeConfig proxy = ProxyServeConfig.load(write("proxy.yaml", examples.get(1)), env);
    assertThat(proxy.proxy().tls().mode()).isEqualTo(ProxyConfig.TlsMode.REQUIRED);
    assertThat(proxy.proxy().management().host()).isEqualTo("10.0.0.5");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }

  @Test
  void everyKeyIsInTheReferenceWithItsEnvironmentVariable() throws IOException {
    String docs = Files.readString(Path.of("../docs/operations.md"));
    for (ConfigKey key : AdminServeConfig.KEYS) {
      assertThat(docs).contains("`" + key.fileName() + "`", "`" + key.envName("TDB_ADMIN_") + "`");
    }
    for (ConfigKey key : ProxyServeConfig.KEYS) {
      assertThat(docs).contains("`" + key.fileName() + "`", "`" + key.envName("TDB_PROXY_") + "`");
    }
  }

  private String base() {
    return """
        metadata:
          url: jdbc:postgresql://db:5432/tdb_admin
          user: tdb
        """;
  }

  private AdminServeConfig admin(String yaml) throws IOException {
    Path file = write("admin.yaml", yaml);
    if (!yaml.contains("password_file")) {
      env.putIfAbsent("TDB_ADMIN_METADATA_PASSWORD", "pw");
    }
    return AdminServeConfig.load(file, env);
  }

  private ProxyServeConfig proxy(String yaml) throws IOException {
    return ProxyServeConfig.load(write("proxy.yaml", yaml), env);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
