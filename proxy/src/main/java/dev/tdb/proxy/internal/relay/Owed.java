/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where the conversation between a client and the server stands: the transaction status of the last
 * ReadyForQuery, the ReadyForQuery messages the server still owes (one per Sync, Query or
 * FunctionCall sent), whether extended-query messages wait for a Sync, and the refusals whose
 * marker the server has not answered yet. Confined to the client's event loop: no volatile.
 */
public final class Owed {
  /**
   * A refusal to show instead of the server's error about the marker Execute ({@link
   * RelaySession#REFUSAL_PORTAL}) sent for it; the marker's batch starts after ReadyForQuery number
   * {@code afterReady} of the session.
   */
  record Refusal(ErrorResponse error, long afterReady) {}

  private char transactionStatus = ReadyForQuery.IDLE;
  private int readyForQuery;
  private long readyReceived;
  private boolean unsynced;
  private final Deque<Refusal> refusals = new ArrayDeque<>();

  /** The status of the last ReadyForQuery: {@code I}, {@code T} or {@code E}. */
  public char transactionStatus() {
    return transactionStatus;
  }

  /** ReadyForQuery messages the server still owes. */
  public int readyForQuery() {
    return readyForQuery;
  }

  /** ReadyForQuery messages received from the server in this session. */
  long readyReceived() {
    return readyReceived;
  }

  /** Whether the client sent extended-query messages the server has not seen a Sync for. */
  public boolean unsynced() {
    return unsynced;
  }

  /** Whether the server owes nothing and no extended-query batch is open. */
  public boolean nothing() {
    return !unsynced && readyForQuery == 0;
  }

  /** A Query, FunctionCall or Sync went to the server: it owes one more ReadyForQuery. */
  void expectReadyForQuery() {
    readyForQuery++;
  }

  /** An extended-query message went to the server. */
  void extendedSent() {
    unsynced = true;
  }

  /** The client's Sync ended the open batch. */
  void synced() {
    unsynced = false;
  }

  /** Takes in a ReadyForQuery the server sent with {@code status}, one fewer owed. */
  void readyForQueryReceived(char status) {
    transactionStatus = status;
    readyForQuery--;
    readyReceived++;
  }

  /**
   * Remembers {@code refusal} for the marker Execute about to be sent, in a batch the server reads
   * once it has answered everything owed now.
   */
  void refuseOnServer(ErrorResponse refusal) {
    refusals.add(new Refusal(refusal, readyReceived + readyForQuery));
  }

  /** The first refusal whose marker the server has not answered, or null. */
  Refusal nextRefusal() {
    return refusals.peek();
  }

  /** Takes the first refusal out: its marker was answered. */
  void refusalAnswered() {
    refusals.poll();
  }

  /** Refusals whose marker the server has not answered yet. */
  int refusals() {
    return refusals.size();
  }
}
