/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.testkit.MetricsScrape;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarball that {@code jib:buildTar} wrote in this module's {@code package} phase: its
 * configuration against the services' own defaults, its files, and, as root, the image run the way
 * a container runtime runs it (its own root file system, its user, nothing of the host's). In cli's
 * package, to read the ports from the services' own configuration keys.
 */
@ExtendWith(PostgresExtension.class)
final class ImageIT {
  private static final Path TARBALL = Path.of("target/tdb-image.tar");
  private static final String CONFIG_DIR = "/etc/tdb";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Programs of a JDK or of a build that must not be in the image, nor a shell. */
  private static final Pattern BUILD_TOOL =
      Pattern.compile(
          "(^|/)(javac|jar|jlink|jdeps|jshell|jmod|jpackage|jarsigner|javadoc|jcmd|jdb|keytool"
              + "|sh|bash|dash|busybox|apt|dpkg|mvn|gcc|cc|ld)$");

  private static ImageTarball image;

  @TempDir Path dir;

  @BeforeAll
  static void readTarball() throws IOException {
    assertThat(TARBALL).as("built by jib:buildTar in the package phase").isRegularFile();
    image = ImageTarball.read(TARBALL);
  }

  @Test
  void entrypointIsTdbAndTheDefaultCommandItsHelp() {
    assertThat(strings(image.container("Entrypoint")))
        .startsWith("/opt/java/bin/java")
        .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("-jar", "/app/tdb.jar");
    assertThat(strings(image.container("Cmd"))).containsExactly("--help");
    assertThat(image.files()).containsKeys("app/tdb.jar", "opt/java/bin/java");
    assertThat(image.files().get("opt/java/bin/java") & 0111).isEqualTo(0111);
  }

  @Test
  void tdbJarIsInTheTopLayerAboveTheRuntime() throws IOException {
    int top = image.layers().size() - 1;
    assertThat(image.layerOf("app/tdb.jar")).isEqualTo(top);
    assertThat(image.layerOf("opt/java/bin/java")).isBetween(0, top - 1);
    assertThat(image.layerOf("lib64/ld-linux-x86-64.so.2")).isBetween(0, top - 1);
  }

  @Test
  void runsAsTheUnprivilegedUserTdb() throws IOException {
    assertThat(image.container("User").asText()).isEqualTo("65532:65532");
    assertThat(image.read("etc/passwd").lines())
        .contains("tdb:x:65532:65532:tdb:/home/tdb:/sbin/nologin");
    assertThat(image.read("etc/group").lines()).contains("tdb:x:65532:");
  }

  @Test
  void exposesTheServicesDefaultPorts() {
    List<String> ports = new ArrayList<>();
    image.container("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertThat(ports)
        .containsExactlyInAnyOrder(
            AdminServeConfig.HTTP_PORT.defaultValue() + "/tcp",
            ProxyServeConfig.LISTEN_PORT.defaultValue() + "/tcp",
            ProxyServeConfig.MANAGEMENT_PORT.defaultValue() + "/tcp");
  }

  @Test
  void workingDirectoryAndConfigurationDirectory() {
    assertThat(image.container("WorkingDir").asText()).isEqualTo("/app");
    assertThat(image.container("Labels").get("dev.tdb.config-dir").asText()).isEqualTo(CONFIG_DIR);
    assertThat(image.files()).containsKeys(CONFIG_DIR.substring(1) + "/", "tmp/");
    assertThat(image.files().get("tmp/")).isEqualTo(0777);
    assertThat(image.files()).containsKey("etc/ssl/certs/ca-certificates.crt");
    assertThat(image.files()).containsKey("opt/java/lib/security/cacerts");
  }

  @Test
  void holdsNoBuildToolsAndNoShell() throws IOException {
    assertThat(image.files().keySet()).noneMatch(path -> BUILD_TOOL.matcher(path).find());
    assertThat(image.files().keySet())
        .filteredOn(path -> path.startsWith("opt/java/bin/") && !path.endsWith("/"))
        .containsExactly("opt/java/bin/java");
    assertThat(image.files().keySet()).noneMatch(path -> path.startsWith("opt/java/jmods/"));
    String modules =
        image
            .read("opt/java/release")
            .lines()
            .filter(l -> l.startsWith("MODULES="))
            .findFirst()
            .orElseThrow();
    assertThat(modules)
        .contains("java.base", "jdk.crypto.ec", "java.sql")
        .doesNotContain("jdk.compiler", "jdk.jlink", "jdk.jdeps", "jdk.jartool", "jdk.jshell");
  }

  @Test
  void runsFromItsOwnFilesAsTdb() throws Exception {
    Path root = extractAsRoot();
    Process process = startInImage(root, "version", "--version");
    assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(log("version")).as("tdb --version in the image").startsWith("tdb ");
    assertThat(process.exitValue()).as(log("version")).isZero();
  }

  @Test
  void adminAndProxyServeRunInTheImage(TestPostgres postgres) throws Exception {
    Path root = extractAsRoot();
    Path config = root.resolve(CONFIG_DIR.substring(1));
    int adminPort = freePort();
    int management = freePort();
    writeConfiguration(config, postgres, adminPort, management);
    Process admin =
        startInImage(root, "admin", "admin", "serve", "--config", CONFIG_DIR + "/admin.yaml");
    try {
      awaitReady(admin, "admin", URI.create("http://127.0.0.1:" + adminPort + "/readyz"));
      Process proxy =
          startInImage(root, "proxy", "proxy", "serve", "--config", CONFIG_DIR + "/proxy.yaml");
      try {
        awaitReady(proxy, "proxy", URI.create("http://127.0.0.1:" + management + "/readyz"));
      } finally {
        assertStopsOnSigterm(proxy, "proxy");
      }
    } finally {
      assertStopsOnSigterm(admin, "admin");
    }
  }

  /** admin.yaml, proxy.yaml and their secrets in the image's /etc/tdb. */
  private static void writeConfiguration(
      Path config, TestPostgres postgres, int adminPort, int management) throws Exception {
    Path secrets = Files.createDirectories(config.resolve("secrets"));
    Files.writeString(secrets.resolve("metadata-password"), postgres.password());
    Files.writeString(secrets.resolve("secret-key"), SecretKey.generate().base64() + "\n");
    // The proxy is ready once the admin service answers; no lookup needs the key here.
    Files.writeString(secrets.resolve("api-key"), "tdb_key_not_used\n");
    Files.writeString(
        config.resolve("admin.yaml"),
        """
        metadata:
          url: %s
          user: %s
          password_file: /etc/tdb/secrets/metadata-password
        secret_key_file: /etc/tdb/secrets/secret-key
        http:
          port: %d
        drain_timeout: 10s
        """
            .formatted(
                postgres.jdbcUrl(postgres.createDatabase("tdb_image")),
                postgres.superuser(),
                adminPort));
    Files.writeString(
        config.resolve("proxy.yaml"),
        """
        listen:
          port: %d
        admin:
          url: http://127.0.0.1:%d/
          api_key_file: /etc/tdb/secrets/api-key
        tls:
          mode: disabled
        management:
          port: %d
        drain_timeout: 5s
        """
            .formatted(freePort(), adminPort, management));
  }

  private void assertStopsOnSigterm(Process process, String service) throws Exception {
    process.destroy();
    boolean exited = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("stopped on SIGTERM: %s", log(service)).isTrue();
    assertThat(process.exitValue()).as(log(service)).isZero();
    assertThat(log(service)).contains("tdb " + service + ": stopped");
  }

  /**
   * The image's file system in a directory of its own, as root may run it; skipped (not failed) for
   * anyone else, who can neither chroot nor mount, and where root cannot make a mount namespace.
   */
  private Path extractAsRoot() throws IOException, InterruptedException {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    assumeTrue(
        Integer.valueOf(0).equals(uid),
        "running the image needs root (chroot, mount): this test runs as uid " + uid);
    // Root in a container without CAP_SYS_ADMIN (Docker's default) may not make a namespace.
    Process probe = new ProcessBuilder("unshare", "--mount", "true").inheritIO().start();
    assumeTrue(
        probe.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) && probe.exitValue() == 0,
        "running the image needs a mount namespace: unshare --mount failed (no CAP_SYS_ADMIN?)");
    Path root = dir.resolve("root");
    image.extractTo(root);
    // The user of the image walks from / down: the temporary directory itself is root's 700.
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("dev"));
    return root;
  }

  /**
   * Runs the image's entrypoint with {@code args} in {@code root}, as a container runtime would: a
   * mount namespace of its own with /proc and /dev, the image's root file system, its user. The
   * root is read-only with a tmpfs at /tmp, as in deploy/kubernetes (readOnlyRootFilesystem and an
   * emptyDir).
   */
  private Process startInImage(Path root, String logName, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "sh",
                "-c",
                "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\""
                    + " && mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\""
                    + " && mount -t tmpfs tmpfs \"$0/tmp\""
                    + " && user=$1 && shift && exec chroot --userspec=\"$user\" \"$0\" \"$@\"",
                root.toString(),
                image.container("User").asText()));
    command.addAll(strings(image.container("Entrypoint")));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(logName + ".log").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    return builder.start();
  }

  private void awaitReady(Process process, String service, URI readyz) {
    await(readyz + " answering 200")
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(process.isAlive()).as("%s runs: %s", service, log(service)).isTrue();
              try {
                return MetricsScrape.status(readyz) == 200;
              } catch (IOException e) {
                return false; // not listening yet
              }
            });
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(item -> strings.add(item.asText()));
    return strings;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
