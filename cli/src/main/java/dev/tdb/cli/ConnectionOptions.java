/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import dev.tdb.core.api.AdminApiClient;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the admin service is and who is calling: flags, then environment, then the profile, whose
 * credentials serve only the admin service it was written for.
 */
final class ConnectionOptions {
  @Option(
      scope = ScopeType.INHERIT,
      names = "--url",
      description = "Admin service URL (env TDB_URL; default: from ./tdb up's profile)")
  String url;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--user",
      description = "Account user, tdb_xxxxxxxx (env TDB_USER)")
  String user;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--secret",
      description = "Account secret (env TDB_SECRET; prefer the environment over this flag)")
  String secret;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--api-key",
      description = "API key instead of user and secret (env TDB_API_KEY)")
  String apiKey;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--json",
      description = "Print the service's JSON instead of a table")
  boolean json;

  AdminClient client() throws ApiException {
    Optional<Profile> profile = profile();
    URI uri = baseUri(profile);
    String key = apiKey();
    if (key != null) {
      return new AdminClient(uri, AdminApiClient.bearer(key));
    }
    // The profile's credentials go only to the admin service they were issued by.
    Optional<Profile> same = sameService(profile, uri);
    String name = user(same);
    String pass = secret(same);
    if (name == null || pass == null) {
      throw missingCredentials(profile, uri);
    }
    return new AdminClient(uri, AdminApiClient.basic(name, pass));
  }

  /**
   * The connection strings this CLI prints, with placeholders for a data-plane credential: never
   * the account's user and secret, which administer everything through the admin API. The proxy is
   * known only as the profile for the admin service in use records it.
   */
  ConnectionStrings connectionStrings() throws ApiException {
    Optional<Profile> profile = profile();
    URI uri = baseUri(profile);
    return ConnectionStrings.placeholders(uri, sameService(profile, uri).map(Profile::proxy));
  }

  private URI baseUri(Optional<Profile> profile) throws ApiException {
    String base = first(url, System.getenv("TDB_URL"), profile.map(Profile::url).orElse(null));
    if (base == null) {
      throw new ApiException(
          ApiException.REFUSED,
          "no_url",
          "no admin service URL given",
          "pass --url or set TDB_URL, or start one with ./tdb up");
    }
    return normalize(base);
  }

  private static ApiException missingCredentials(Optional<Profile> profile, URI uri) {
    if (profile.isPresent()) {
      return new ApiException(
          ApiException.UNAUTHENTICATED,
          "no_credentials",
          "no credentials given for "
              + uri
              + " (the profile's are for "
              + profile.get().url()
              + ")",
          "set TDB_USER and TDB_SECRET, or TDB_API_KEY, for this admin service");
    }
    return new ApiException(
        ApiException.UNAUTHENTICATED,
        "no_credentials",
        "no credentials given",
        "set TDB_USER and TDB_SECRET, or TDB_API_KEY");
  }

  /** The profile, if it was written for the admin service at {@code uri}. */
  private static Optional<Profile> sameService(Optional<Profile> profile, URI uri) {
    return profile.filter(p -> p.url() != null && uri.equals(normalize(p.url())));
  }

  private static URI normalize(String base) {
    return URI.create(base.endsWith("/") ? base : base + "/");
  }

  private String apiKey() {
    return first(apiKey, System.getenv("TDB_API_KEY"));
  }

  private String user(Optional<Profile> profile) {
    return first(user, System.getenv("TDB_USER"), profile.map(Profile::user).orElse(null));
  }

  private String secret(Optional<Profile> profile) {
    return first(secret, System.getenv("TDB_SECRET"), profile.map(Profile::secret).orElse(null));
  }

  private static Optional<Profile> profile() throws ApiException {
    try {
      return Profile.read(Profile.defaultHome());
    } catch (IOException e) {
      throw new ApiException(
          ApiException.REFUSED,
          "bad_profile",
          "cannot read " + Profile.file(Profile.defaultHome()) + ": " + e.getMessage(),
          "delete it and run ./tdb up again, or pass --url and credentials");
    }
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
