/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

/**
 * The type bytes of the messages a server sends, named as in the PostgreSQL protocol documentation.
 * A client's messages have a table of their own: the same byte names another message there ({@code
 * 'E'} is ErrorResponse here and Execute from a client).
 */
public final class BackendType {
  /** AuthenticationOk, AuthenticationSASL and the other requests, told apart by their code. */
  public static final char AUTHENTICATION = 'R';

  /** BackendKeyData: the key of CancelRequest. */
  public static final char BACKEND_KEY_DATA = 'K';

  /** BindComplete. */
  public static final char BIND_COMPLETE = '2';

  /** CloseComplete. */
  public static final char CLOSE_COMPLETE = '3';

  /** CommandComplete: a statement ended, with its command tag. */
  public static final char COMMAND_COMPLETE = 'C';

  /** CopyBothResponse: COPY in both directions (replication) starts. */
  public static final char COPY_BOTH_RESPONSE = 'W';

  /** CopyData: a chunk of COPY TO STDOUT data. */
  public static final char COPY_DATA = 'd';

  /** CopyDone: the end of COPY TO STDOUT data. */
  public static final char COPY_DONE = 'c';

  /** CopyInResponse: COPY FROM STDIN starts. */
  public static final char COPY_IN_RESPONSE = 'G';

  /** CopyOutResponse: COPY TO STDOUT starts. */
  public static final char COPY_OUT_RESPONSE = 'H';

  /** DataRow: one row of a result. */
  public static final char DATA_ROW = 'D';

  /** EmptyQueryResponse: the answer to an empty query string. */
  public static final char EMPTY_QUERY_RESPONSE = 'I';

  /** ErrorResponse. */
  public static final char ERROR_RESPONSE = 'E';

  /** FunctionCallResponse: the result of a FunctionCall. */
  public static final char FUNCTION_CALL_RESPONSE = 'V';

  /** NegotiateProtocolVersion: the protocol version and options the server speaks. */
  public static final char NEGOTIATE_PROTOCOL_VERSION = 'v';

  /** NoData: a statement or portal Described returns no rows. */
  public static final char NO_DATA = 'n';

  /** NoticeResponse: a warning or notice, which does not end anything. */
  public static final char NOTICE_RESPONSE = 'N';

  /** NotificationResponse: a NOTIFY on a channel the session listens to. */
  public static final char NOTIFICATION_RESPONSE = 'A';

  /** ParameterDescription: the parameter types of a Described statement. */
  public static final char PARAMETER_DESCRIPTION = 't';

  /** ParameterStatus: a reported setting's value. */
  public static final char PARAMETER_STATUS = 'S';

  /** ParseComplete. */
  public static final char PARSE_COMPLETE = '1';

  /** PortalSuspended: an Execute reached its row count before the portal's end. */
  public static final char PORTAL_SUSPENDED = 's';

  /** ReadyForQuery, with the transaction status. */
  public static final char READY_FOR_QUERY = 'Z';

  /** RowDescription: the columns of the rows that follow. */
  public static final char ROW_DESCRIPTION = 'T';

  private BackendType() {}
}
