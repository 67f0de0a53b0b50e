/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.cli.Profile;
import dev.tdb.cli.ProxyEndpoint;
import dev.tdb.cli.TdbCli;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.ProxyServer;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdb tenants create} and {@code get} print how to connect, as {@code tdb up} does: the CLI
 * runs in its own JVM with a tdb home whose profile names a real admin service and proxy, and the
 * printed psql URL is used as it is.
 */
@ExtendWith(PostgresExtension.class)
final class TenantConnectionStringsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PSQL = Pattern.compile("psql \"([^\"]+)\"");

  @TempDir static Path dir;
  private static AdminFixture fixture;
  private static TestPostgres postgres;
  private static ProxyServer proxy;
  private static Path home;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres server) throws Exception {
    postgres = server;
    fixture = AdminFixture.start(server);
    assertThat(fixture.registerCluster(fixture.prefix + "local", server, 100).status())
        .isEqualTo(201);
    blueprint = fixture.blueprint("urls");
    fixture
        .server
        .inProcess()
        .createWorkspace(fixture.admin.user(), blueprint + "_workspace", ConnectionMode.WORKSPACE);
    String key =
        fixture.server.inProcess().createApiKey(fixture.admin.user(), "proxy", Scope.ROUTING).key();
    ProxyConfig config =
        ProxyConfig.of("127.0.0.1", 0, fixture.uri(), key, dir.resolve("proxy-tls"));
    proxy = ProxyServer.start(config);
    home = dir.resolve("home");
    new Profile(fixture.uri().toString(), fixture.admin.user(), fixture.admin.secret())
        .withProxy(
            new ProxyEndpoint(
                "127.0.0.1",
                proxy.port(),
                config.tls().certificateAuthority().orElseThrow().toAbsolutePath().toString()))
        .write(home);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    fixture.close();
  }

  @Test
  void createPrintsUrlsForACredentialNeverTheAccountsSecret() throws Exception {
    Run created =
        tdb(Map.of("TDB_HOME", home.toString()), "tenants", "create", blueprint + "__acme");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("created tenant " + blueprint + "__acme")
        .contains(
            "  jdbc jdbc:tdb://"
                + fixture.uri().getHost()
                + ":"
                + fixture.uri().getPort()
                + "/"
                + blueprint
                + "__acme?user=<credential-user>&password=<secret>")
        .contains(
            "in place of <credential-user> and <secret>, never the account's secret: tdb"
                + " credentials create --blueprint "
                + blueprint
                + " --tenants acme")
        .doesNotContain(fixture.admin.user())
        .doesNotContain(URLEncoder.encode(fixture.admin.secret(), StandardCharsets.UTF_8));
    Matcher psql = PSQL.matcher(created.out());
    assertThat(psql.find()).as(created.out()).isTrue();
    assertThat(psql.group(1))
        .startsWith(
            "postgresql://<credential-user>:<secret>@127.0.0.1:"
                + proxy.port()
                + "/"
                + blueprint
                + "__acme?sslmode=require&sslrootcert=/");

    Run got =
        tdb(Map.of("TDB_HOME", home.toString()), "tenants", "get", blueprint + "__acme", "--json");
    JsonNode tenant = JSON.readTree(got.out());
    assertThat(tenant.get("psql_url").asText()).isEqualTo(psql.group(1));
    assertThat(tenant.get("jdbc_url").asText()).endsWith("&password=<secret>");
    assertThat(got.out()).doesNotContain(fixture.admin.user());
  }

  @Test
  void createWithACredentialPrintsAPsqlUrlThatConnectsAsThatCredential() throws Exception {
    String logical = blueprint + "__initech";
    Run created =
        tdb(Map.of("TDB_HOME", home.toString()), "tenants", "create", logical, "--with-credential");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("created tenant " + logical)
        .containsPattern("credential tdbc_[0-9a-f]{12} +secret \\S+ +\\(shown only now\\)")
        .containsPattern("jdbc:tdb://[^ ]+/" + logical + "\\?user=tdbc_[0-9a-f]{12}&password=")
        .doesNotContain("<secret>")
        .doesNotContain(fixture.admin.user());
    Matcher psql = PSQL.matcher(created.out());
    assertThat(psql.find()).as(created.out()).isTrue();
    assertThat(psql.group(1)).startsWith("postgresql://tdbc_");
    try (Connection connection = connect(psql.group(1));
        ResultSet rs =
            connection.createStatement().executeQuery("SELECT 40 + 2, current_user::text")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
      assertThat(rs.getString(2)).matches("tdbc_[0-9a-f]{12}_[0-9]+");
    }
    // The credential reaches that tenant only.
    String other = psql.group(1).replace("/" + logical + "?", "/" + blueprint + "__acme?");
    assertThatThrownBy(() -> connect(other).close()).isInstanceOf(SQLException.class);
  }

  @Test
  void printsNoSecretTheProfileDoesNotHoldForThisAdminService() throws Exception {
    String tenant = blueprint + "__globex";
    Run created =
        tdb(
            Map.of(
                "TDB_HOME", dir.resolve("empty").toString(),
                "TDB_URL", fixture.uri().toString(),
                "TDB_USER", fixture.admin.user(),
                "TDB_SECRET", fixture.admin.secret()),
            "tenants",
            "create",
            tenant);
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("&password=<secret>")
        .doesNotContain(fixture.admin.secret())
        .doesNotContain("psql \"")
        .contains("(no psql URL: the proxy's address comes from the profile")
        .contains("in place of <credential-user> and <secret>");

    // The same admin service under another name: the profile's credentials are not sent there,
    // so its secret never reaches a server it was not issued by.
    URI elsewhere = URI.create("http://localhost:" + fixture.uri().getPort() + "/");
    Run refused =
        tdb(
            Map.of("TDB_HOME", home.toString()),
            "tenants",
            "get",
            tenant,
            "--url",
            elsewhere.toString());
    assertThat(refused.code()).isEqualTo(4);
    assertThat(refused.err())
        .contains("error: no credentials given for " + elsewhere)
        .contains("(the profile's are for " + fixture.uri())
        .contains("hint: set TDB_USER and TDB_SECRET, or TDB_API_KEY");

    // With credentials given for it, the profile's proxy and secret still stay out of the URLs.
    Run got =
        tdb(
            Map.of(
                "TDB_HOME", home.toString(),
                "TDB_USER", fixture.admin.user(),
                "TDB_SECRET", fixture.admin.secret()),
            "tenants",
            "get",
            tenant,
            "--json",
            "--url",
            elsewhere.toString());
    assertThat(got.code()).as(got.err()).isZero();
    JsonNode json = JSON.readTree(got.out());
    assertThat(json.has("psql_url")).isFalse();
    assertThat(json.get("jdbc_url").asText())
        .startsWith("jdbc:tdb://localhost:")
        .endsWith("&password=<secret>");
    assertThat(got.out()).doesNotContain(fixture.admin.secret());
  }

  private record Run(int code, String out, String err) {}

  /** The client in its own JVM, where the environment (TDB_HOME, TDB_URL...) can be set. */
  private static Run tdb(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), TdbCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    List.of("TDB_HOME", "TDB_URL", "TDB_USER", "TDB_SECRET", "TDB_API_KEY")
        .forEach(builder.environment()::remove);
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tdb %s ended", command).isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** pgjdbc with what the {@code postgresql://} URL says, as libpq would read it. */
  private static Connection connect(String url) throws Exception {
    URI uri = URI.create(url);
    String[] userInfo = uri.getRawUserInfo().split(":", 2);
    Properties properties = new Properties();
    properties.setProperty("user", decode(userInfo[0]));
    properties.setProperty("password", decode(userInfo[1]));
    for (String parameter : uri.getRawQuery().split("&")) {
      String[] pair = parameter.split("=", 2);
      properties.setProperty(pair[0], decode(pair[1]));
    }
    return DriverManager.getConnection(
        "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), properties);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
