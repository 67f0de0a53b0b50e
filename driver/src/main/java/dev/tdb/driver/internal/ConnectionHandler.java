/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.SqlClassifier;
import java.lang.ref.Cleaner;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGProperty;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;
import org.postgresql.jdbc.EscapeSyntaxCallMode;

/**
 * Wraps a pgjdbc connection to one logical database. Every SQL-taking call ({@code prepare*},
 * {@code prepareCall}, {@code nativeSQL}, and through statements {@code execute*} and {@code
 * addBatch}) is decided by the shared policy first: a rejected statement throws without anything
 * reaching the network. Closing the connection frees its {@code max_connections} slot.
 */
final class ConnectionHandler extends JdbcHandler {
  /** {@link #serverTimeoutMs()} when the session's server-side timeout is not known. */
  static final long UNKNOWN_SERVER_TIMEOUT = -1;

  private static final Cleaner CLEANER = Cleaner.create();
  private static final SqlClassifier CLASSIFIER = SqlClassifier.create();

  /** Whether pgjdbc rewrites JDBC escapes ({@code {fn ...}}, {@code {d ...}}) before sending. */
  enum Escapes {
    /** Escapes are rewritten, so the policy judges the rewritten text. */
    PROCESSED,
    /** The text goes to the server as written. */
    SENT_AS_IS
  }

  /**
   * What a wrapped connection needs besides its pgjdbc connection.
   *
   * @param url the tdb URL without secrets, for {@code getMetaData().getURL()}
   * @param properties the pgjdbc properties the connection was opened with
   * @param queryLog the connection's query log, or {@code null} when it is off
   */
  record Options(String url, Properties properties, QueryLog queryLog) {}

  private final BaseConnection delegate;
  private final LogicalDatabase database;
  private final String url;
  private final EscapeSyntaxCallMode callMode;
  private final QueryLog queryLog;

  /**
   * The {@code statement_timeout} the server enforces in this session: a tenant's runtime role
   * carries {@code query_timeout_ms} as its own setting, which the session took when it began.
   */
  private final long serverTimeoutMs;

  private Cleaner.Cleanable slot;

  private ConnectionHandler(
      BaseConnection delegate,
      LogicalDatabase database,
      Options options,
      EscapeSyntaxCallMode mode) {
    super(delegate);
    this.delegate = delegate;
    this.database = database;
    this.url = options.url();
    this.callMode = mode;
    this.queryLog = options.queryLog();
    RoutingEntry opened = database.current().entry();
    this.serverTimeoutMs =
        opened.connectionMode() == ConnectionMode.TENANT
            ? opened.settings().queryTimeoutMs()
            : UNKNOWN_SERVER_TIMEOUT;
  }

  /**
   * Wraps a new pgjdbc connection.
   *
   * @param permit the connection's slot, freed on close, or when the application drops the
   *     connection without closing it
   */
  static Connection wrap(
      Connection physical, LogicalDatabase database, ConnectionGate.Permit permit, Options options)
      throws SQLException {
    EscapeSyntaxCallMode mode =
        EscapeSyntaxCallMode.of(
            PGProperty.ESCAPE_SYNTAX_CALL_MODE.getOrDefault(options.properties()));
    ConnectionHandler handler =
        new ConnectionHandler(physical.unwrap(BaseConnection.class), database, options, mode);
    Connection proxy = proxy(Connection.class, handler);
    handler.slot = CLEANER.register(proxy, permit);
    return proxy;
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    Connection self = (Connection) proxy;
    switch (method.getName()) {
      case "createStatement":
        return StatementHandler.wrapPrepared(
            Statement.class, (Statement) forward(method, args), this, self, null);
      case "prepareStatement":
        {
          Classification prepared = check((String) args[0], Escapes.PROCESSED);
          return StatementHandler.wrapPrepared(
              PreparedStatement.class,
              (PreparedStatement) forward(method, args),
              this,
              self,
              new StatementHandler.Prepared((String) args[0], prepared));
        }
      case "prepareCall":
        {
          Classification prepared = check(callSql((String) args[0]), Escapes.PROCESSED);
          return StatementHandler.wrapPrepared(
              CallableStatement.class,
              (CallableStatement) forward(method, args),
              this,
              self,
              new StatementHandler.Prepared((String) args[0], prepared));
        }
      case "nativeSQL":
        check((String) args[0], Escapes.PROCESSED);
        return forward(method, args);
      case "getMetaData":
        return MetaDataHandler.wrap((DatabaseMetaData) forward(method, args), self, url);
      case "close":
      case "abort":
        try {
          return forward(method, args);
        } finally {
          slot.clean();
        }
      default:
        return forward(method, args);
    }
  }

  /** The logical database's newest route. */
  LogicalDatabase.Route route() {
    return database.current();
  }

  /**
   * The statement timeout the server enforces in this session by itself, in milliseconds (0 for
   * none), or {@link #UNKNOWN_SERVER_TIMEOUT}.
   */
  long serverTimeoutMs() {
    return serverTimeoutMs;
  }

  /** The connection's query log, or {@code null} when it is off. */
  QueryLog queryLog() {
    return queryLog;
  }

  /**
   * Throws the policy's rejection of {@code sql}, judged as pgjdbc will send it, after writing it
   * to the query log.
   *
   * @return how the text pgjdbc sends was classified, or {@code null} for no text
   * @throws SQLException the rejection's SQLSTATE, message and hint
   */
  Classification check(String sql, Escapes escapes) throws SQLException {
    if (sql == null) {
      return null; // pgjdbc reports the missing SQL itself
    }
    String sent =
        escapes == Escapes.PROCESSED && sql.indexOf('{') >= 0
            ? Parser.replaceProcessing(sql, true, delegate.getStandardConformingStrings())
            : sql;
    Classification classification = CLASSIFIER.classify(sent);
    Decision decision = route().policy().decide(classification);
    if (decision instanceof Decision.Reject reject) {
      if (queryLog != null) {
        queryLog.refused(classification, sql, reject.sqlState());
      }
      throw Errors.rejected(reject);
    }
    return classification;
  }

  /** The SQL pgjdbc sends for a JDBC call escape ({@code {? = call f(?)}}). */
  private String callSql(String sql) throws SQLException {
    if (sql == null) {
      return null;
    }
    int version = delegate.getQueryExecutor().getServerVersionNum();
    return Parser.modifyJdbcCall(sql, delegate.getStandardConformingStrings(), version, callMode)
        .getSql();
  }
}
