/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

/**
 * The type bytes of the messages a client sends after its startup packet, named as in the
 * PostgreSQL protocol documentation. A server's messages have a table of their own: the same byte
 * names another message there ({@code 'E'} is Execute here and ErrorResponse from a server).
 */
public final class FrontendType {
  /** Bind: a portal from a prepared statement and parameter values. */
  public static final char BIND = 'B';

  /** Close of a prepared statement or a portal. */
  public static final char CLOSE = 'C';

  /** CopyData: a chunk of COPY FROM STDIN data. */
  public static final char COPY_DATA = 'd';

  /** CopyDone: the end of COPY FROM STDIN data. */
  public static final char COPY_DONE = 'c';

  /** CopyFail: the client abandons COPY FROM STDIN. */
  public static final char COPY_FAIL = 'f';

  /** Describe of a prepared statement or a portal. */
  public static final char DESCRIBE = 'D';

  /** Execute of a portal. */
  public static final char EXECUTE = 'E';

  /** Flush: the server is to send what it holds. */
  public static final char FLUSH = 'H';

  /**
   * FunctionCall: the fastpath call of a function by its OID (libpq's {@code lo_*}, pgjdbc's
   * LargeObject API). The server answers FunctionCallResponse and ReadyForQuery, as for a Query.
   * Its body is never decoded: the proxy forwards or refuses the frame as a whole.
   */
  public static final char FUNCTION_CALL = 'F';

  /** Parse: prepares one statement. */
  public static final char PARSE = 'P';

  /**
   * PasswordMessage, and SASLInitialResponse, SASLResponse and GSSResponse, which share its byte
   * and are told apart by the state of the authentication.
   */
  public static final char PASSWORD_MESSAGE = 'p';

  /** Query: the simple query protocol. */
  public static final char QUERY = 'Q';

  /** Sync: ends an extended-protocol pipeline. */
  public static final char SYNC = 'S';

  /** Terminate: the client ends its session. */
  public static final char TERMINATE = 'X';

  /** What a client may send once its session runs: all but the authentication messages. */
  private static final String IN_SESSION =
      String.valueOf(
          new char[] {
            BIND,
            CLOSE,
            COPY_DATA,
            COPY_DONE,
            COPY_FAIL,
            DESCRIBE,
            EXECUTE,
            FLUSH,
            FUNCTION_CALL,
            PARSE,
            QUERY,
            SYNC,
            TERMINATE
          });

  private FrontendType() {}

  /** Whether a client may send a message of {@code type} once its session runs. */
  public static boolean inSession(char type) {
    return IN_SESSION.indexOf(type) >= 0;
  }
}
