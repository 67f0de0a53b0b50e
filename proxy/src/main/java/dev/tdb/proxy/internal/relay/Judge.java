/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.pooling.TransactionPooling;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementFact;
import dev.tdb.core.sql.StringEscapes;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.function.Function;

/**
 * Judges a session's SQL text: classified as the server reads it ({@link TextReading}, followed
 * from its ParameterStatus reports), decided by the policy and, in transaction mode, refused when
 * it would leave session state behind ({@link TransactionPooling}). Confined to the client's event
 * loop: no volatile.
 */
final class Judge {
  private final Policy policy;
  private final SqlClassifier classifier;
  private final String workspace;
  private final boolean transactionMode;
  private TextReading reading;

  Judge(
      Policy policy,
      SqlClassifier classifier,
      String workspace,
      boolean transactionMode,
      TextReading reading) {
    this.policy = policy;
    this.classifier = classifier;
    this.workspace = workspace;
    this.transactionMode = transactionMode;
    this.reading = reading;
  }

  /** The mode of the database the session is on. */
  ConnectionMode mode() {
    return policy.mode();
  }

  /** How the server reads the session's text now. */
  TextReading reading() {
    return reading;
  }

  /**
   * Follows a ParameterStatus from the server; returns why the session must end (see {@link
   * TextReading#refusal}), or null.
   */
  Decision.Reject follow(ParameterStatus status) {
    reading = reading.follow(status);
    return reading.refusal(policy.mode());
  }

  Classification classify(String sql) {
    return classifier.classify(sql, reading.escapes());
  }

  /** The policy's decision and, in transaction mode, the refusal of session state. */
  Decision decide(Classification classification) {
    Decision decision = policy.decide(classification);
    if (decision.allowed() && transactionMode) {
      return TransactionPooling.sessionState(classification)
          .<Decision>map(state -> ProxyErrors.sessionStateInTransactionMode(state, workspace))
          .orElse(Decision.ALLOW);
    }
    return decision;
  }

  /**
   * The decision for a text read as the server may read it once what runs before it is done. The
   * server reports a change of {@code standard_conforming_strings} or {@code client_encoding} only
   * at the next ReadyForQuery, after it has read what the client pipelined behind the statement
   * that made it, so a text sent while the server still owes an answer must be allowed however it
   * may be read: with the other backslash escapes (when it has a backslash) and, on tenants and
   * workspaces, when it is not ASCII, in every client-only encoding (whose second bytes can be a
   * quote or backslash). A reading in which a quoted string or comment does not end runs nothing:
   * the server parses the whole text before it runs any of it.
   *
   * @param frame the Query or Parse frame
   * @param text decodes the frame's SQL text in a charset
   * @param sql the text as read with the session's current reading
   */
  Decision decideOtherReadings(ByteBuf frame, Function<Charset, String> text, String sql) {
    if (sql.indexOf('\\') >= 0) {
      Decision decision = decideAs(sql, reading.otherEscapes());
      if (!decision.allowed()) {
        return decision;
      }
    }
    if (policy.mode() == ConnectionMode.CONTROL || frame.forEachByte(b -> b >= 0) < 0) {
      return Decision.ALLOW;
    }
    for (Charset charset : TextReading.CLIENT_ONLY_CHARSETS) {
      String other = text.apply(charset);
      Decision decision = decideAs(other, StringEscapes.STANDARD);
      if (decision.allowed() && other.indexOf('\\') >= 0) {
        decision = decideAs(other, StringEscapes.BACKSLASH);
      }
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.ALLOW;
  }

  /** The decision for {@code sql} read with {@code escapes}; allowed when the reading is broken. */
  private Decision decideAs(String sql, StringEscapes escapes) {
    Classification classification = SqlClassifier.classifyUncached(sql, escapes);
    for (ClassifiedStatement statement : classification.statements()) {
      if (statement.has(StatementFact.MALFORMED)) {
        return Decision.ALLOW;
      }
    }
    return decide(classification);
  }
}
