/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.settings.WorkspaceSettings;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one logical database lives and how to reach it: what the admin service hands the driver and
 * the proxy. The JSON form is the one documented in docs/admin-api.md.
 *
 * @param logicalName the name clients use ({@code myapp__acme})
 * @param mode what the database allows
 * @param workspace the workspace whose settings and blueprint apply
 * @param status whether clients may connect
 * @param host the PostgreSQL server's host
 * @param port the PostgreSQL server's port
 * @param sslMode pgjdbc's {@code sslmode} for connections to the server
 * @param database the physical database
 * @param role the runtime role clients connect as
 * @param password the runtime role's password; never logged (see {@link #toString()})
 * @param settings the workspace's settings
 * @param epoch grows with every change to anything an entry shows
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingEntry(
    @JsonProperty("logical_name") String logicalName,
    @JsonProperty("mode") Mode mode,
    @JsonProperty("workspace") String workspace,
    @JsonProperty("status") Status status,
    @JsonProperty("host") String host,
    @JsonProperty("port") int port,
    @JsonProperty("ssl_mode") String sslMode,
    @JsonProperty("database") String database,
    @JsonProperty("role") String role,
    @JsonPropertyDescription("the runtime role's password") @JsonProperty("password")
        String password,
    @JsonProperty("settings") WorkspaceSettings settings,
    @JsonProperty("epoch") long epoch) {

  /** Checks that every field is present. */
  public RoutingEntry {
    Objects.requireNonNull(logicalName, "logical_name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sslMode, "ssl_mode");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(settings, "settings");
  }

  /** The mode as the policy knows it. */
  public ConnectionMode connectionMode() {
    return mode.connectionMode;
  }

  /** A logical database's mode, spelled in lowercase in JSON. */
  public enum Mode {
    /** A control workspace. */
    CONTROL(ConnectionMode.CONTROL),
    /** A tenant workspace, where a blueprint is designed. */
    WORKSPACE(ConnectionMode.WORKSPACE),
    /** A tenant database. */
    TENANT(ConnectionMode.TENANT);

    private final ConnectionMode connectionMode;

    Mode(ConnectionMode connectionMode) {
      this.connectionMode = connectionMode;
    }

    /** The JSON spelling. */
    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for a policy mode. */
    public static Mode of(ConnectionMode mode) {
      return valueOf(mode.name());
    }
  }

  /** Whether clients may connect, spelled in lowercase in JSON. */
  public enum Status {
    /** Clients may connect. */
    ACTIVE,
    /** Suspended by an admin: connections are refused until it is resumed. */
    SUSPENDED,
    /** Deleted (soft): connections are refused; an admin may restore it. */
    DELETED;

    /** The JSON spelling. */
    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "RoutingEntry[logicalName="
        + logicalName
        + ", mode="
        + mode.json()
        + ", status="
        + status.json()
        + ", "
        + host
        + ":"
        + port
        + "/"
        + database
        + " as "
        + role
        + ", epoch="
        + epoch
        + "]";
  }
}
