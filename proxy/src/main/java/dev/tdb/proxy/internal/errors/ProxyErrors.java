/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.errors;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.pooling.SessionState;
import java.time.Duration;
import java.util.Collection;

/**
 * Every error the proxy itself answers a client with (the policy's and the limits' refusals come
 * from core): SQLSTATE, message and hint in one place, worded as PostgreSQL words its own where it
 * has one. Sent as FATAL when they end the session.
 */
public final class ProxyErrors {
  private ProxyErrors() {}

  /** More clients than {@code maxPending} are between connecting and authenticating. */
  public static Decision.Reject tooManyUnauthenticated(int maxPending) {
    return new Decision.Reject(
        SqlState.TOO_MANY_CONNECTIONS,
        "sorry, too many clients already",
        "the proxy admits "
            + maxPending
            + " connections that have not authenticated yet; try again shortly");
  }

  /** A plaintext startup to a proxy that requires TLS. */
  public static Decision.Reject tlsRequired() {
    return new Decision.Reject(
        SqlState.INVALID_AUTHORIZATION,
        "this tdb proxy requires TLS",
        "connect with sslmode=require");
  }

  /** A startup without a user. */
  public static Decision.Reject noUser() {
    return new Decision.Reject(
        SqlState.INVALID_AUTHORIZATION,
        "no user name given",
        "connect as the tdb account user (tdb_...)");
  }

  /** The client did not authenticate within {@code timeout}. */
  public static Decision.Reject authenticationTimeout(Duration timeout) {
    return new Decision.Reject(
        SqlState.QUERY_CANCELED,
        "canceling authentication due to timeout",
        "authenticate within " + timeout.toMillis() + " ms of connecting");
  }

  /** The client offered a SASL mechanism the proxy did not. */
  public static Decision.Reject saslMechanismNotOffered(String mechanism) {
    return new Decision.Reject(
        SqlState.INVALID_AUTHORIZATION, "SASL mechanism " + mechanism + " is not offered", null);
  }

  /** A SCRAM message that does not parse. */
  public static Decision.Reject malformedScram(String detail) {
    return protocolViolation("malformed SCRAM message: " + detail);
  }

  /** A wrong password, or an unknown user (told the same way, as PostgreSQL does). */
  public static Decision.Reject passwordFailed(String user) {
    return new Decision.Reject(
        SqlState.INVALID_PASSWORD,
        "password authentication failed for user \"" + user + "\"",
        null);
  }

  /** A frame that breaks the protocol; {@code message} says how. */
  public static Decision.Reject protocolViolation(String message) {
    return new Decision.Reject(SqlState.PROTOCOL_VIOLATION, message, null);
  }

  /** The admin service could not be asked (for a verifier or a route). */
  public static Decision.Reject adminUnreachable() {
    return new Decision.Reject(
        SqlState.UNABLE_TO_CONNECT,
        "the tdb admin service cannot be reached",
        "try again; if it persists, check the admin service");
  }

  /** No such logical database; the admin service's hint says what exists. */
  public static Decision.Reject unknownDatabase(String database, String hint) {
    return new Decision.Reject(
        SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist", hint);
  }

  /** The admin service is away and {@code database} was not routed within {@code maxStaleness}. */
  public static Decision.Reject notRoutedRecently(String database, Duration maxStaleness) {
    return new Decision.Reject(
        SqlState.UNABLE_TO_CONNECT,
        "the tdb admin service cannot be reached to route database \""
            + database
            + "\", and the proxy has not routed it recently",
        "databases routed within the last "
            + maxStaleness.toSeconds()
            + " s keep working; check the admin service");
  }

  /** The admin service refused the proxy's API key, or answered something unusable. */
  public static Decision.Reject notRoutedForTheProxy(String database) {
    return new Decision.Reject(
        SqlState.UNABLE_TO_CONNECT,
        "the tdb admin service did not route database \"" + database + "\" for the proxy",
        "an admin checks the proxy's API key and the proxy log");
  }

  /** A suspended tenant. */
  public static Decision.Reject suspended(String database) {
    return new Decision.Reject(
        SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
        "database \"" + database + "\" is suspended and not accepting connections",
        "an admin resumes it with: tdb tenants resume " + database);
  }

  /** A soft-deleted tenant. */
  public static Decision.Reject deleted(String database) {
    return new Decision.Reject(
        SqlState.INVALID_CATALOG_NAME,
        "database \"" + database + "\" has been deleted",
        "an admin restores it with: tdb tenants restore " + database);
  }

  /** The server of {@code database} did not accept a connection. */
  public static Decision.Reject serverUnreachable(String database) {
    return new Decision.Reject(
        SqlState.UNABLE_TO_CONNECT,
        "could not connect to the server of database \"" + database + "\"",
        "try again; if it persists, an admin checks the cluster");
  }

  /** TLS with the server failed. */
  public static Decision.Reject serverTlsFailed(String cause) {
    return new Decision.Reject(
        SqlState.UNABLE_TO_CONNECT,
        "TLS with the server of the database failed: " + cause,
        "an admin checks the cluster's certificate and ssl_mode");
  }

  /** The server refused TLS, which the cluster's ssl_mode requires. */
  public static Decision.Reject serverTlsUnsupported() {
    return new Decision.Reject(
        SqlState.UNABLE_TO_CONNECT,
        "the server of the database does not support TLS, which its ssl_mode requires",
        "an admin enables ssl on the cluster or changes its ssl_mode");
  }

  /** The server closed the connection before its startup ended. */
  public static Decision.Reject serverClosedDuringStartup() {
    return new Decision.Reject(
        SqlState.CONNECTION_FAILURE, "the server closed the connection during startup", null);
  }

  /** The connection to the server failed during its startup. */
  public static Decision.Reject serverConnectionFailed(String cause) {
    return new Decision.Reject(
        SqlState.CONNECTION_FAILURE, "connecting to the server failed: " + cause, null);
  }

  /** Every server connection of {@code database}'s max_connections stayed in use. */
  public static Decision.Reject tenantPoolFull(
      String database, String workspace, int limit, Duration waited) {
    return new Decision.Reject(
        SqlState.TOO_MANY_CONNECTIONS,
        "too many connections for database \""
            + database
            + "\": all "
            + limit
            + " server connections of its max_connections stayed in use for "
            + waited.toMillis()
            + " ms (the proxy's pool.queue_timeout)",
        "close idle sessions, or raise max_connections in the settings of "
            + workspace
            + " (tdb workspaces settings "
            + workspace
            + " --set max_connections=N)");
  }

  /**
   * A statement that leaves {@code state} in its server session, on a database of {@code workspace}
   * whose {@code pool_mode} is {@code transaction}.
   */
  public static Decision.Reject sessionStateInTransactionMode(
      SessionState state, String workspace) {
    String session =
        "set pool_mode=session for the workspace (tdb workspaces settings "
            + workspace
            + " --set pool_mode=session)";
    return new Decision.Reject(
        SqlState.FEATURE_NOT_SUPPORTED,
        state.what()
            + " is not supported in transaction pooling: the next transaction may run on another"
            + " server connection, and another client's on this one",
        state.instead() == null ? session : state.instead() + ", or " + session);
  }

  /** A transaction-mode client's session settings could not be made on a server connection. */
  public static Decision.Reject sessionSettingsNotApplied(Collection<String> names) {
    return new Decision.Reject(
        SqlState.CONNECTION_FAILURE,
        "the session's settings ("
            + String.join(", ", names)
            + ") could not be applied to a pooled server connection",
        "reconnect; a value the server no longer accepts must be set again");
  }

  /** Every server connection the proxy may open to the cluster stayed in use. */
  public static Decision.Reject clusterPoolFull(String database, int limit, Duration waited) {
    return new Decision.Reject(
        SqlState.TOO_MANY_CONNECTIONS,
        "too many connections for the cluster of database \""
            + database
            + "\": all "
            + limit
            + " server connections of the proxy's pool.cluster_max_server_connections stayed in"
            + " use for "
            + waited.toMillis()
            + " ms (pool.queue_timeout)",
        "an admin raises pool.cluster_max_server_connections in the proxy's configuration (below"
            + " the cluster's max_connections less its reserve), or moves tenants to another"
            + " cluster");
  }

  /** The session's credential was revoked, or its secret expired. */
  public static Decision.Reject credentialRevoked(String user) {
    return new Decision.Reject(
        SqlState.INVALID_AUTHORIZATION,
        "terminating connection: credential \"" + user + "\" was revoked or its secret expired",
        "connect with a current secret of the credential (tdb credentials list), or issue a new"
            + " one: tdb credentials create");
  }

  /** The proxy shuts down. */
  public static Decision.Reject shuttingDown() {
    return new Decision.Reject(
        SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command", null);
  }

  /** A FunctionCall (call by OID) on a tenant, where the policy cannot see which function. */
  public static Decision.Reject functionCallOnTenant() {
    return new Decision.Reject(
        SqlState.INSUFFICIENT_PRIVILEGE,
        "function calls by OID (FunctionCall) are not allowed on tenant databases",
        "call the function in a SELECT, where the policy can see which one it is");
  }

  /** A startup option other than {@code -c name=value} / {@code --name=value}. */
  public static Decision.Reject unsupportedStartupOption(String word) {
    return new Decision.Reject(
        SqlState.FEATURE_NOT_SUPPORTED,
        "the startup option \"" + word + "\" is not supported by tdb",
        "pass settings in options as -c name=value or --name=value");
  }

  /** A client_encoding the policy cannot read safely, on a workspace or tenant. */
  public static Decision.Reject unsupportedClientEncoding(String clientEncoding) {
    return new Decision.Reject(
        SqlState.FEATURE_NOT_SUPPORTED,
        "client_encoding \""
            + clientEncoding
            + "\" is not supported by tdb on workspace and tenant databases",
        "use client_encoding UTF8; the client converts its text to it");
  }

  /** standard_conforming_strings off on a tenant, which the server's role settings could do. */
  public static Decision.Reject backslashEscapesOnTenant() {
    return new Decision.Reject(
        SqlState.FEATURE_NOT_SUPPORTED,
        "standard_conforming_strings is off in this session, which tdb does not allow on tenant"
            + " databases",
        "use E'...' strings where backslash escapes are wanted; an admin removes a value set"
            + " for the tenant's role or database (ALTER ROLE ... RESET"
            + " standard_conforming_strings)");
  }
}
