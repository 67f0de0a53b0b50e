/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StringEscapes;
import java.lang.ref.Cleaner;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.postgresql.PGProperty;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.EscapeSyntaxCallMode;

/**
 * A pgjdbc connection to one logical database. Every SQL-taking call ({@code prepare*}, {@code
 * prepareCall}, {@code nativeSQL}, and through statements {@code execute*} and {@code addBatch}) is
 * decided by the shared policy first: a rejected statement throws without anything reaching the
 * network. Statements and metadata come back as tdb wrappers; closing or aborting the connection,
 * or dropping it unclosed, frees its {@code max_connections} slot.
 */
final class TdbConnection extends JdbcWrapper implements DelegatingConnection {
  /** {@link #serverTimeoutMs()} when the session's server-side timeout is not known. */
  static final long UNKNOWN_SERVER_TIMEOUT = -1;

  private static final Cleaner CLEANER = Cleaner.create();
  private static final SqlClassifier CLASSIFIER = SqlClassifier.create();

  /** Fails an open transaction block with an error of its own, changing nothing else. */
  private static final String FAIL_TRANSACTION = "ROLLBACK TO SAVEPOINT \"tdb\u001frefused\"";

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

  private final Cleaner.Cleanable slot;
  private final BackstopTimer backstopTimer = new BackstopTimer();

  private TdbConnection(
      BaseConnection delegate,
      LogicalDatabase database,
      ConnectionGate.Permit permit,
      Options options) {
    super(delegate);
    this.delegate = delegate;
    this.database = database;
    this.url = options.url();
    this.callMode =
        EscapeSyntaxCallMode.of(
            PGProperty.ESCAPE_SYNTAX_CALL_MODE.getOrDefault(options.properties()));
    this.queryLog = options.queryLog();
    RoutingEntry opened = database.current().entry();
    this.serverTimeoutMs =
        opened.connectionMode() == ConnectionMode.TENANT
            ? opened.settings().queryTimeoutMs()
            : UNKNOWN_SERVER_TIMEOUT;
    this.slot = CLEANER.register(this, permit);
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
    return new TdbConnection(physical.unwrap(BaseConnection.class), database, permit, options);
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

  /** The clock of the {@code query_timeout_ms} backstop of this connection's statements. */
  BackstopTimer backstopTimer() {
    return backstopTimer;
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
    return check(sql, escapes, strings());
  }

  /**
   * Throws the policy's rejection of {@code sql}, read with {@code strings}, as {@link
   * #check(String, Escapes)} does.
   */
  private Classification check(String sql, Escapes escapes, StringEscapes strings)
      throws SQLException {
    if (sql == null) {
      return null; // pgjdbc reports the missing SQL itself
    }
    String sent =
        escapes == Escapes.PROCESSED && sql.indexOf('{') >= 0
            ? Parser.replaceProcessing(sql, true, strings == StringEscapes.STANDARD)
            : sql;
    Classification classification = CLASSIFIER.classify(sent, strings);
    Decision decision = route().policy().decide(classification);
    Decision.Reject encoding = decision.allowed() ? Utf8Session.decide(classification) : null;
    if (encoding != null) {
      decision = encoding;
    }
    if (decision instanceof Decision.Reject reject) {
      if (queryLog != null) {
        queryLog.refused(classification, sql, reject.sqlState());
      }
      throw refused(reject);
    }
    return classification;
  }

  /**
   * The exception for {@code reject}, after failing the server's transaction block as PostgreSQL
   * fails it for any error in a statement: later statements then get the server's own 25P02 and
   * COMMIT rolls back, instead of committing what ran before the refusal. With autocommit off and
   * no transaction yet, pgjdbc begins one before the failing statement, as it would have before the
   * refused one. The statement that fails it touches nothing.
   */
  private SQLException refused(Decision.Reject reject) throws SQLException {
    SQLException refusal = Errors.rejected(reject);
    TransactionState state = delegate.getTransactionState();
    if (state == TransactionState.OPEN
        || (state == TransactionState.IDLE && !delegate.getAutoCommit())) {
      try (Statement failing = delegate.createStatement()) {
        failing.execute(FAIL_TRANSACTION);
      } catch (SQLException failed) {
        if (!SqlState.INVALID_SAVEPOINT_SPECIFICATION.of(failed)) {
          refusal.addSuppressed(failed);
        }
      }
    }
    return refusal;
  }

  /**
   * How the server reads backslashes in plain strings in this session now: pgjdbc follows {@code
   * standard_conforming_strings} from the server's ParameterStatus messages, at the start and on
   * every change.
   */
  StringEscapes strings() {
    return delegate.getStandardConformingStrings()
        ? StringEscapes.STANDARD
        : StringEscapes.BACKSLASH;
  }

  /**
   * Judges a prepared statement's SQL as {@code prepare*} did, and again before an execution when
   * {@code standard_conforming_strings} changed since: pgjdbc sends Parse when the statement first
   * runs, and the server lexes it with the setting in force then.
   *
   * @param sent the text as pgjdbc sends it ({@link #callSql} of a call)
   */
  TdbStatement.Prepared checkPrepared(String sql, String sent) throws SQLException {
    StringEscapes strings = strings();
    return new TdbStatement.Prepared(sql, sent, check(sent, Escapes.PROCESSED, strings), strings);
  }

  /** {@code prepared}, judged again when the session reads strings differently now. */
  TdbStatement.Prepared recheck(TdbStatement.Prepared prepared) throws SQLException {
    return prepared.strings() == strings()
        ? prepared
        : checkPrepared(prepared.sql(), prepared.sent());
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

  private TdbStatement statement(Statement statement) throws SQLException {
    return new TdbStatement(statement, this, null);
  }

  private TdbPreparedStatement prepared(PreparedStatement statement, TdbStatement.Prepared checked)
      throws SQLException {
    return new TdbPreparedStatement(statement, this, checked);
  }

  private TdbCallableStatement callable(CallableStatement statement, TdbStatement.Prepared checked)
      throws SQLException {
    return new TdbCallableStatement(statement, this, checked);
  }

  @Override
  public BaseConnection delegate() {
    return delegate;
  }

  @Override
  public Statement createStatement() throws SQLException {
    return statement(delegate.createStatement());
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return statement(delegate.createStatement(resultSetType, resultSetConcurrency));
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return statement(
        delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, sql);
    return prepared(delegate.prepareStatement(sql), checked);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, sql);
    return prepared(delegate.prepareStatement(sql, autoGeneratedKeys), checked);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, sql);
    return prepared(delegate.prepareStatement(sql, columnIndexes), checked);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, sql);
    return prepared(delegate.prepareStatement(sql, columnNames), checked);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, sql);
    return prepared(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency), checked);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, sql);
    return prepared(
        delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
        checked);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, callSql(sql));
    return callable(delegate.prepareCall(sql), checked);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, callSql(sql));
    return callable(delegate.prepareCall(sql, resultSetType, resultSetConcurrency), checked);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    TdbStatement.Prepared checked = checkPrepared(sql, callSql(sql));
    return callable(
        delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
        checked);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    check(sql, Escapes.PROCESSED);
    return delegate.nativeSQL(sql);
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return new TdbDatabaseMetaData(delegate.getMetaData(), this, url);
  }

  @Override
  public void close() throws SQLException {
    try {
      delegate.close();
    } finally {
      backstopTimer.close();
      slot.clean();
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    try {
      delegate.abort(executor);
    } finally {
      backstopTimer.close();
      slot.clean();
    }
  }
}
