/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import java.util.Arrays;

/**
 * Times and counts the statements of one relayed session: matches what the client sent (Query,
 * Execute, FunctionCall, Sync) with the server's answers in the order the protocol answers them. A
 * Query or FunctionCall ends at its ReadyForQuery; an Execute at its CommandComplete,
 * PortalSuspended, EmptyQueryResponse or error; Executes the server skipped after an error are not
 * counted. Pending statements sit in a ring of primitive arrays that grows only for deeper
 * pipelines, so recording allocates nothing. Confined to the session's event loop: no volatile.
 */
public final class StatementMeter {
  private static final byte SYNC = -1;
  private static final StatementType[] TYPES = StatementType.values();

  private final WorkspaceMeters meters;
  private final ProxyMetrics metrics;
  private byte[] types = new byte[8];
  private boolean[] endsAtReady = new boolean[8];
  private boolean[] failed = new boolean[8];
  private long[] starts = new long[8];
  private int head;
  private int size;

  /** A meter recording into {@code meters}, and refusals into {@code metrics}. */
  public StatementMeter(WorkspaceMeters meters, ProxyMetrics metrics) {
    this.meters = meters;
    this.metrics = metrics;
  }

  /** A Query was sent to the server. */
  public void query() {
    push(StatementType.QUERY, true);
  }

  /** An Execute was sent to the server. */
  public void execute() {
    push(StatementType.PARSE_EXECUTE, false);
  }

  /** A FunctionCall was sent to the server. */
  public void functionCall() {
    push(StatementType.FUNCTION_CALL, true);
  }

  /** A Sync was sent to the server. */
  public void sync() {
    push(null, false);
  }

  /** The policy refused a statement of {@code type} with {@code sqlState}. */
  public void refused(StatementType type, String sqlState) {
    meters.refused(type);
    metrics.refusal(sqlState);
  }

  /**
   * The proxy sent its own error {@code sqlState} in place of what the server sent (a result over
   * {@code max_rows_per_query}), or ended the session with its own FATAL.
   */
  public void proxyError(String sqlState) {
    metrics.refusal(sqlState);
  }

  /** {@code bytes} were read from the client. */
  public void received(int bytes) {
    meters.received(bytes);
  }

  /** {@code bytes} were read from the server for the client. */
  public void sent(int bytes) {
    meters.sent(bytes);
  }

  /** The server answered CopyInResponse, CopyOutResponse or CopyBothResponse. */
  public void copy() {
    if (size > 0 && types[head] != SYNC) {
      types[head] = (byte) StatementType.COPY.ordinal();
    }
  }

  /** The server sent CommandComplete, PortalSuspended or EmptyQueryResponse. */
  public void completed() {
    if (size > 0 && types[head] != SYNC && !endsAtReady[head]) {
      finish();
    }
  }

  /** The client is sent an error in place of what the server answered for the statement. */
  public void failed() {
    if (size == 0 || types[head] == SYNC) {
      return;
    }
    failed[head] = true;
    if (!endsAtReady[head]) {
      finish();
    }
  }

  /** The server sent ReadyForQuery: ends the Query or FunctionCall, or the Sync's cycle. */
  public void ready() {
    while (size > 0) {
      byte type = types[head];
      if (type == SYNC) {
        pop();
        return;
      }
      if (endsAtReady[head]) {
        finish();
        return;
      }
      pop();
    }
  }

  private void finish() {
    StatementType type = TYPES[types[head]];
    Outcome outcome = failed[head] ? Outcome.ERROR : Outcome.OK;
    meters.ended(type, outcome, System.nanoTime() - starts[head]);
    pop();
  }

  private void pop() {
    head = (head + 1) % types.length;
    size--;
  }

  private void push(StatementType type, boolean endsAtReadyForQuery) {
    if (size == types.length) {
      grow();
    }
    int at = (head + size) % types.length;
    types[at] = type == null ? SYNC : (byte) type.ordinal();
    endsAtReady[at] = endsAtReadyForQuery;
    failed[at] = false;
    starts[at] = type == null ? 0 : System.nanoTime();
    size++;
  }

  private void grow() {
    int length = types.length;
    byte[] newTypes = Arrays.copyOf(types, length * 2);
    boolean[] newEnds = Arrays.copyOf(endsAtReady, length * 2);
    boolean[] newFailed = Arrays.copyOf(failed, length * 2);
    long[] newStarts = Arrays.copyOf(starts, length * 2);
    // Entries that wrapped around to the front move behind the old end, in order.
    for (int i = 0; i < head; i++) {
      newTypes[length + i] = types[i];
      newEnds[length + i] = endsAtReady[i];
      newFailed[length + i] = failed[i];
      newStarts[length + i] = starts[i];
    }
    types = newTypes;
    endsAtReady = newEnds;
    failed = newFailed;
    starts = newStarts;
  }
}
