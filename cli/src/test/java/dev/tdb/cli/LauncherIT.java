/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tdb} launcher itself, run by {@code sh} in a copy of the checkout's layout whose
 * {@code ./mvnw} only records that a build was asked for, with the client jar this module built (as
 * both jars) and an admin service stub that checks the profile's credentials.
 */
final class LauncherIT {
  private static final String USER = "tdb_0badcafe";
  private static final String SECRET = "s3cret-from-the-profile";
  private static final List<String> MODULES = List.of("core", "pgserver", "proxy", "admin", "cli");
  private static final Instant OLD = Instant.now().minusSeconds(3600);

  @TempDir Path dir;
  private Path root;
  private Path target;
  private HttpServer admin;

  @BeforeEach
  void layOutACheckout() throws IOException {
    root = dir.resolve("checkout");
    target = root.resolve("cli/target");
    Files.createDirectories(target);
    Files.copy(Path.of("../tdb"), root.resolve("tdb"));
    write(root.resolve("pom.xml"), "<project/>");
    write(root.resolve(".mvn/wrapper/maven-wrapper.properties"), "");
    for (String module : MODULES) {
      write(root.resolve(module).resolve("pom.xml"), "<project/>");
      write(root.resolve(module).resolve("src/main/java/A.java"), "class A {}");
    }
    Path mvnw = root.resolve("mvnw");
    Files.writeString(mvnw, "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/builds\"\n");
    Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwx------"));
    for (String jar : List.of("tdb.jar", "tdb-cli.jar")) {
      Files.copy(Path.of("target/tdb-cli.jar"), target.resolve(jar));
    }
    try (var files = Files.walk(root)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, FileTime.from(OLD));
      }
    }
    // Built a minute ago: a file's time moves in ticks of a few ms, too coarse for "just now".
    write(target.resolve("tdb-jars.built"), "");
    Files.setLastModifiedTime(
        target.resolve("tdb-jars.built"), FileTime.from(Instant.now().minusSeconds(60)));
    admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    admin.createContext("/v1/tenants", LauncherIT::tenants);
    admin.start();
  }

  @AfterEach
  void stopAdmin() {
    admin.stop(0);
  }

  @Test
  void readsTheProfileUnderHomeAndKeepsAClassDataArchiveAfterTheFirstRun() throws Exception {
    Path home = dir.resolve("elsewhere");
    new Profile("http://127.0.0.1:" + admin.getAddress().getPort() + "/", USER, SECRET)
        .write(home.resolve(".tdb"));

    Result first = tdb(Map.of("HOME", home.toString()), "tenants", "list");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("myapp__acme");
    assertThat(target.resolve("tdb-cli.jsa")).isNotEmptyFile();

    Result second = tdb(Map.of("HOME", home.toString()), "tenants", "list");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).isEmpty();
    assertThat(root.resolve("builds")).doesNotExist();
  }

  @Test
  void runsTdbUpFromTheFullJarWithoutAnArchive() throws Exception {
    // Both jars are the client here, which does not know up: the full jar ran it if it was
    // refused without a class-data archive being made (only client runs make one).
    Result up = tdb(Map.of("HOME", dir.toString()), "up");
    assertThat(up.err()).as(up.out()).contains("Unmatched argument at index 0: 'up'");
    assertThat(target.resolve("tdb-cli.jsa")).doesNotExist();
  }

  @Test
  void runsAdminAndProxyServeFromTheFullJar() throws Exception {
    // As for up: the client does not know these commands, so each refusal came from the copy of
    // the full jar that long-running services run from.
    for (String service : List.of("admin", "proxy")) {
      Result serve = tdb(Map.of("HOME", dir.toString()), service, "serve", "--config", "s.yaml");
      assertThat(serve.err())
          .as(serve.out())
          .contains("Unmatched arguments from index 0: '" + service + "', 'serve'");
    }
    assertThat(target.resolve("tdb-up.jar")).exists();
    assertThat(target.resolve("tdb-cli.jsa")).doesNotExist();
  }

  @Test
  void runsTdbUpFromACopyThatARebuildReplacesWithoutTouchingTheRunningFile() throws Exception {
    tdb(Map.of("HOME", dir.toString()), "up");
    Path running = target.resolve("tdb-up.jar");
    assertThat(running).hasSameBinaryContentAs(target.resolve("tdb.jar"));
    Object inode = Files.getAttribute(running, "unix:ino");

    tdb(Map.of("HOME", dir.toString()), "up");
    assertThat(Files.getAttribute(running, "unix:ino")).as("not copied again").isEqualTo(inode);

    // A build wrote a new tdb.jar: the next tdb up gets a new file, the old one stays as it was.
    Files.setLastModifiedTime(target.resolve("tdb.jar"), FileTime.from(Instant.now()));
    tdb(Map.of("HOME", dir.toString()), "up");
    assertThat(Files.getAttribute(running, "unix:ino")).isNotEqualTo(inode);
    assertThat(running).hasSameBinaryContentAs(target.resolve("tdb.jar"));
  }

  @Test
  void remakesTheArchiveWhenTheClientJarOrTheJavaBinaryChanged() throws Exception {
    Result version = tdb(Map.of("HOME", dir.toString()), "--version");
    assertThat(version.code()).as(version.out() + version.err()).isZero();
    assertThat(tdb(Map.of("HOME", dir.toString()), "help", "tenants").code()).isZero();
    assertThat(target.resolve("tdb-cli.jsa")).isNotEmptyFile();
    Files.setLastModifiedTime(target.resolve("tdb-cli.jsa"), FileTime.from(OLD));
    Files.setLastModifiedTime(target.resolve("tdb-cli.jar"), FileTime.from(Instant.now()));
    assertThat(tdb(Map.of("HOME", dir.toString()), "help", "tenants").code()).isZero();
    assertThat(Files.getLastModifiedTime(target.resolve("tdb-cli.jsa")).toInstant())
        .isAfter(OLD.plusSeconds(60));

    Files.setLastModifiedTime(target.resolve("tdb-cli.jsa"), FileTime.from(Instant.now()));
    Files.writeString(target.resolve("tdb-cli.jsa.java"), "/another/jdk/bin/java\n");
    assertThat(tdb(Map.of("HOME", dir.toString()), "help", "tenants").code()).isZero();
    assertThat(Files.readString(target.resolve("tdb-cli.jsa.java"))).doesNotContain("/another/jdk");
  }

  @Test
  void buildsAgainWhenAnythingTheJarsAreBuiltFromChanged() throws Exception {
    List<Path> changes = new ArrayList<>();
    changes.add(root.resolve("pom.xml"));
    changes.add(root.resolve(".mvn/wrapper/maven-wrapper.properties"));
    for (String module : MODULES) {
      changes.add(root.resolve(module).resolve("pom.xml"));
      changes.add(root.resolve(module).resolve("src/main/java/A.java"));
      changes.add(root.resolve(module).resolve("src/main/resources/new.txt"));
    }
    int builds = 0;
    for (Path change : changes) {
      write(change, "changed");
      Result result = tdb(Map.of("HOME", dir.toString()), "--version");
      assertThat(result.err()).as(change + ": " + result.out()).contains("tdb: building");
      builds++;
      assertThat(Files.readAllLines(root.resolve("builds"))).hasSize(builds);
    }
    assertThat(tdb(Map.of("HOME", dir.toString()), "--version").err())
        .as("no build once built")
        .doesNotContain("building");
  }

  @Test
  void doesNotBuildForChangesOutsideTheJarsOrInBuildOutput() throws Exception {
    write(root.resolve("driver/src/main/java/D.java"), "class D {}");
    write(root.resolve("proxy/target/classes/P.class"), "");
    write(root.resolve("docs/cli.md"), "# the CLI");
    assertThat(tdb(Map.of("HOME", dir.toString()), "--version").err()).doesNotContain("building");
    assertThat(root.resolve("builds")).doesNotExist();
  }

  private record Result(int code, String out, String err) {}

  private Result tdb(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", root.resolve("tdb").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    List.of("TDB_HOME", "TDB_URL", "TDB_USER", "TDB_SECRET", "TDB_API_KEY", "TDB_JAVA_OPTS")
        .forEach(env::remove);
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    env.put("PATH", javaBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.putAll(environment);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tdb %s ended", command).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** {@code GET /v1/tenants}: one tenant for the profile's account, 401 for anyone else. */
  private static void tenants(HttpExchange exchange) throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    boolean known = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body =
        (known
                ? "{\"items\":[{\"logical_name\":\"myapp__acme\",\"status\":\"active\","
                    + "\"cluster\":\"local\",\"database\":\"t_1\"}]}"
                : "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"who are you\"}}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(known ? 200 : 401, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
