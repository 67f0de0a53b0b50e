/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CLI finds the admin service and its credentials when no flag or environment variable
 * says: {@code ~/.tdb/credentials.json}, written by {@code tdb up} with mode 600.
 *
 * @param url the admin service's base URL
 * @param user the account user
 * @param secret the account secret
 * @param proxy where the proxy started beside that admin service listens, or null when unknown
 * @param application the data-plane credential {@code tdb up} issued for the example blueprint's
 *     tenants, whose URLs it prints; null when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
    @JsonProperty("url") String url,
    @JsonProperty("user") String user,
    @JsonProperty("secret") String secret,
    @JsonProperty("proxy") ProxyEndpoint proxy,
    @JsonProperty("application") Application application) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A credential for applications: reaches tenant databases only, never the admin API.
   *
   * @param id its id, to rotate or revoke it
   * @param user its user
   * @param secret its secret; never shown by {@link #toString()}
   */
  public record Application(
      @JsonProperty("id") String id,
      @JsonProperty("user") String user,
      @JsonProperty("secret") String secret) {
    /** The id and user only. */
    @Override
    public String toString() {
      return "Application[id=" + id + ", user=" + user + "]";
    }
  }

  /** A profile without a proxy or an application credential. */
  public Profile(String url, String user, String secret) {
    this(url, user, secret, null, null);
  }

  /** This profile with the proxy's address. */
  public Profile withProxy(ProxyEndpoint endpoint) {
    return new Profile(url, user, secret, endpoint, application);
  }

  /** This profile with an application credential. */
  public Profile withApplication(Application value) {
    return new Profile(url, user, secret, proxy, value);
  }

  /** The profile file in {@code tdbHome}. */
  public static Path file(Path tdbHome) {
    return tdbHome.resolve("credentials.json");
  }

  /** The default tdb home of this process: {@link #defaultHome(Map)} of its environment. */
  public static Path defaultHome() {
    return defaultHome(System.getenv());
  }

  /**
   * The default tdb home: {@code TDB_HOME}, else {@code $HOME/.tdb}, else {@code .tdb} in Java's
   * {@code user.home}. {@code HOME} comes before {@code user.home}, which Java takes from the
   * password database, so that {@code HOME=/some/dir tdb ...} works as it does for other tools.
   */
  static Path defaultHome(Map<String, String> environment) {
    String configured = environment.get("TDB_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String home = environment.get("HOME");
    return Path.of(
        home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".tdb");
  }

  /** Reads the profile, if there is one. */
  public static Optional<Profile> read(Path tdbHome) throws IOException {
    Path file = file(tdbHome);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(JSON.readValue(file.toFile(), Profile.class));
  }

  /** Writes the profile, readable by its owner only. */
  public void write(Path tdbHome) throws IOException {
    Files.createDirectories(tdbHome);
    Path temp = Files.createTempFile(tdbHome, "credentials", ".tmp");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
    Files.move(temp, file(tdbHome), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Everything but the secret. */
  @Override
  public String toString() {
    return "Profile[url="
        + url
        + ", user="
        + user
        + ", proxy="
        + proxy
        + ", application="
        + application
        + "]";
  }
}
