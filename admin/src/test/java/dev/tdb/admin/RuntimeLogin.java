/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A logical database's routing entry as the account reads it, and pgjdbc logins straight to the
 * cluster it names: what a client that bypasses tdb can do with the runtime role's credentials.
 */
record RuntimeLogin(JsonNode entry) {
  /** The routing entry of {@code logical}, read through {@code api} (which must answer 200). */
  static RuntimeLogin of(Api api, String logical) {
    Api.Reply reply = api.get("/v1/routing/" + logical);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return new RuntimeLogin(reply.json());
  }

  /** The runtime role. */
  String role() {
    return entry.get("role").asText();
  }

  /** The runtime role's password. */
  String password() {
    return entry.get("password").asText();
  }

  /** The physical database. */
  String database() {
    return entry.get("database").asText();
  }

  /** Logs in as the runtime role to its own database. */
  Connection connect() throws SQLException {
    return connect(database(), role(), password());
  }

  /** Logs in to {@code database} of the entry's cluster as {@code user}. */
  Connection connect(String database, String user, String password) throws SQLException {
    String url =
        "jdbc:postgresql://"
            + entry.get("host").asText()
            + ":"
            + entry.get("port").asInt()
            + "/"
            + database
            + "?sslmode="
            + entry.get("ssl_mode").asText();
    return DriverManager.getConnection(url, user, password);
  }
}
