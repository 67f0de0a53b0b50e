/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.sql.Classification;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.metrics.StatementType;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Execute;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import dev.tdb.proxy.internal.protocol.frontend.Parse;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import dev.tdb.proxy.internal.protocol.frontend.Sync;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.Charset;
import java.util.function.Function;

/**
 * Relays client frames to the server as the original buffers, what one read brought in one write
 * (ownership passes to the server channel's write), judging Query and Parse through the policy
 * first. A refusal never reaches the server as SQL: when the server owes nothing and no transaction
 * block is open, the proxy answers itself (ErrorResponse, then ReadyForQuery for Query, or after
 * discarding until Sync); otherwise it sends an Execute of a portal that cannot exist, so the
 * server fails at exactly that point of the pipeline, and an open transaction block fails with it,
 * as PostgreSQL fails it for the refused statement: later statements get the server's 25P02 and
 * COMMIT rolls back. {@link BackendRelay} shows the refusal in place of the server's error. Frames
 * are looked at in place; what is not forwarded is released with the read's buffer.
 *
 * <p>Query and Parse text is decoded and lexed as the server reads it ({@link TextReading}); text
 * sent while the server still owes an answer must also be allowed under the readings the server may
 * switch to before it reads it ({@link Judge#decideOtherReadings}). FunctionCall is refused on
 * tenants (which function an OID names is not checked) and answered like a Query elsewhere. A
 * message type the protocol does not have, or a malformed frame, ends the session with {@code FATAL
 * 08P01}, as PostgreSQL ends it.
 */
public final class FrontendRelay extends ChannelInboundHandlerAdapter {
  private enum Discard {
    NONE,
    /** Answering locally: at Sync, the proxy sends ReadyForQuery. */
    LOCAL,
    /** The server fails on the marker: at Sync, the Sync goes to the server. */
    SERVER
  }

  private final RelaySession relay;
  // Confined to the event loop both channels share: no volatile.
  private Discard discard = Discard.NONE;
  private ChannelFuture lastWrite;
  private boolean received;

  /** A relay handler for the client channel of {@code relay}. */
  public FrontendRelay(RelaySession relay) {
    this.relay = relay;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frames = (ByteBuf) msg;
    TransactionServer transactions = relay.transactions();
    if (transactions != null
        && transactions.tookWhileNoServer(
            frames,
            held -> {
              channelRead(ctx, held);
              channelReadComplete(ctx);
            })) {
      return;
    }
    received = true;
    relay.meter.received(frames.readableBytes());
    try {
      int end = frames.writerIndex();
      // Frames from here up to the one being looked at go to the server as they are, in one write.
      int run = frames.readerIndex();
      for (int at = run; at < end && !relay.ended(); ) {
        char type = (char) frames.getByte(at);
        int next = at + 1 + frames.getInt(at + 1);
        if (judged(type) || discard != Discard.NONE || !FrontendType.inSession(type)) {
          // What is judged may make the proxy write to the server: what came before goes first.
          passOn(frames, run, at);
          run = at;
        }
        if (!checkedFrame(frames, at, next, type)) {
          passOn(frames, run, at);
          run = next;
        }
        at = next;
      }
      if (!relay.ended()) {
        passOn(frames, run, end);
      }
    } finally {
      frames.release();
    }
  }

  /**
   * Whether the proxy looks at a frame of {@code type} before it goes on: Query, Parse and
   * FunctionCall, and in transaction mode Bind, Describe and Close, whose statement names it
   * rewrites ({@link PreparedStatements}).
   */
  private boolean judged(char type) {
    return type == FrontendType.QUERY
        || type == FrontendType.PARSE
        || type == FrontendType.FUNCTION_CALL
        || (relay.transactions() != null
            && (type == FrontendType.BIND
                || type == FrontendType.DESCRIBE
                || type == FrontendType.CLOSE));
  }

  /** {@link #frame}, after checking that the protocol has such a message and that it is whole. */
  private boolean checkedFrame(ByteBuf frames, int at, int next, char type) {
    if (!FrontendType.inSession(type)) {
      protocolViolation("invalid frontend message type " + (int) type);
      return false;
    }
    try {
      return frame(frames, at, next, type);
    } catch (ProtocolException malformed) {
      protocolViolation("invalid message format: " + malformed.getMessage());
      return false;
    }
  }

  /** Ends the session as PostgreSQL does for a broken protocol: FATAL 08P01, then the close. */
  private void protocolViolation(String message) {
    toClient(relay.end(ProxyErrors.protocolViolation(message)));
    // What came before it still reaches the server, as PostgreSQL runs what precedes a bad frame.
    relay.server().flush();
    relay.closeClient();
  }

  /**
   * Looks at the frame {@code frames[at, next)}; false when it does not go to the server as it is
   * (dropped, or answered or replaced by what this method wrote).
   */
  private boolean frame(ByteBuf frames, int at, int next, char type) {
    if (discard != Discard.NONE) {
      return discardUntilSync(frames, at, next, type);
    }
    switch (type) {
      case FrontendType.QUERY -> {
        return judgeQuery(frames.slice(at, next - at));
      }
      case FrontendType.PARSE -> {
        return judgeParse(frames.slice(at, next - at));
      }
      case FrontendType.FUNCTION_CALL -> {
        return judgeFunctionCall();
      }
      case FrontendType.TERMINATE -> {
        // The session ends here, not the server's: its connection may serve another client.
        relay.closeClient();
        return false;
      }
      case FrontendType.SYNC -> {
        relay.owed().synced();
        relay.owed().expectReadyForQuery();
        relay.timer.statementsSent(0);
        relay.meter.sync();
        log(frames, at, next);
      }
      case FrontendType.BIND, FrontendType.DESCRIBE, FrontendType.EXECUTE, FrontendType.CLOSE -> {
        if (type == FrontendType.EXECUTE) {
          relay.timer.statementsSent(1);
          relay.meter.execute();
        }
        relay.owed().extendedSent();
        log(frames, at, next);
        if (type != FrontendType.EXECUTE && relay.transactions() != null) {
          return !sentInstead(relay.transactions().rewrite(frames.slice(at, next - at)));
        }
      }
      default -> {
        // Passed through as it is.
      }
    }
    return true;
  }

  private void log(ByteBuf frames, int at, int next) {
    if (relay.statements() != StatementLog.OFF) {
      relay.statements().fromClient(frames.slice(at, next - at));
    }
  }

  /** Writes the frames {@code frames[from, to)} to the server as they are. */
  private void passOn(ByteBuf frames, int from, int to) {
    if (from < to) {
      toServer(Wire.range(frames, from, to));
    }
  }

  private boolean judgeQuery(ByteBuf frame) {
    String sql = Query.decode(frame, relay.judge().reading().charset()).sql();
    Classification classification = relay.judge().classify(sql);
    Decision decision = judge(frame, charset -> Query.decode(frame, charset).sql(), classification);
    relay.statements().query(sql, classification, decision);
    if (decision instanceof Decision.Reject reject) {
      relay.meter.refused(StatementType.QUERY, reject.sqlState());
      refuseWithReadyForQuery(reject);
      return false;
    }
    relay.meter.query();
    vouchFor(classification);
    relay.owed().expectReadyForQuery();
    relay.timer.statementsSent(classification.statements().size());
    return relay.transactions() == null
        || !sentInstead(relay.transactions().deallocate(frame, classification));
  }

  /**
   * In transaction mode, sends {@code instead} in place of the client's frame (its statement names
   * or its {@code DEALLOCATE} made the proxy's, {@link PreparedStatements}); false when null: the
   * frame goes as it is.
   */
  private boolean sentInstead(ByteBuf instead) {
    if (instead != null) {
      toServer(instead);
    }
    return instead != null;
  }

  /**
   * The policy's decision on the text of {@code frame}, classified as {@code classification}; when
   * the server still owes an answer, also on the other readings the server may switch to before it
   * reads the text ({@link Judge#decideOtherReadings}).
   */
  private Decision judge(
      ByteBuf frame, Function<Charset, String> text, Classification classification) {
    Decision decision = relay.judge().decide(classification);
    if (decision.allowed() && !relay.owed().nothing()) {
      decision = relay.judge().decideOtherReadings(frame, text, classification.sql());
    }
    return decision;
  }

  /** In transaction mode, notes what a text does to its session ({@link TransactionServer}). */
  private void vouchFor(Classification classification) {
    if (relay.transactions() != null) {
      relay.transactions().sent(classification);
    }
  }

  /**
   * A FunctionCall names its function by OID, so the policy cannot see what it runs ({@code
   * set_config} could change what the proxy relies on): refused on tenants; elsewhere it is owed a
   * ReadyForQuery and timed like a Query.
   */
  private boolean judgeFunctionCall() {
    if (relay.judge().mode() == ConnectionMode.TENANT) {
      Decision.Reject refusal = ProxyErrors.functionCallOnTenant();
      relay.meter.refused(StatementType.FUNCTION_CALL, refusal.sqlState());
      refuseWithReadyForQuery(refusal);
      return false;
    }
    relay.meter.functionCall();
    relay.owed().expectReadyForQuery();
    relay.timer.statementsSent(1);
    return true;
  }

  /** Refuses a message that the server would answer up to ReadyForQuery (Query, FunctionCall). */
  private void refuseWithReadyForQuery(Decision.Reject reject) {
    ErrorResponse refusal = ErrorResponse.error(reject);
    if (answeredLocally()) {
      toClient(refusal.encode(relay.client.alloc()));
      toClient(new ReadyForQuery(relay.owed().transactionStatus()).encode(relay.client.alloc()));
    } else {
      failOnServer(refusal);
      relay.owed().expectReadyForQuery();
      relay.meter.sync();
      toServer(Sync.INSTANCE.encode(relay.server().alloc()));
    }
  }

  private boolean judgeParse(ByteBuf frame) {
    Parse parse = Parse.decode(frame, relay.judge().reading().charset());
    Classification classification = relay.judge().classify(parse.sql());
    Decision decision = judge(frame, charset -> Parse.decode(frame, charset).sql(), classification);
    relay.statements().parse(parse.statement(), parse.sql(), classification, decision);
    if (decision instanceof Decision.Reject reject) {
      relay.meter.refused(StatementType.PARSE_EXECUTE, reject.sqlState());
      ErrorResponse refusal = ErrorResponse.error(reject);
      if (answeredLocally()) {
        toClient(refusal.encode(relay.client.alloc()));
        discard = Discard.LOCAL;
      } else {
        failOnServer(refusal);
        discard = Discard.SERVER;
      }
      return false;
    }
    vouchFor(classification);
    relay.owed().extendedSent();
    TransactionServer transactions = relay.transactions();
    return transactions == null
        || !(sentInstead(transactions.deallocate(frame, classification))
            || sentInstead(transactions.rewrite(frame)));
  }

  /**
   * Whether the proxy answers a refusal itself: only when the server owes nothing and the session
   * is not inside a transaction block that the refusal must fail ('T'); a failed block ('E') stays
   * failed, and a refused text runs none of its statements, as when PostgreSQL cannot parse it.
   */
  private boolean answeredLocally() {
    return relay.owed().nothing()
        && relay.owed().transactionStatus() != ReadyForQuery.IN_TRANSACTION;
  }

  private void failOnServer(ErrorResponse refusal) {
    relay.owed().refuseOnServer(refusal);
    toServer(new Execute(RelaySession.REFUSAL_PORTAL, 0).encode(relay.server().alloc()));
  }

  /** Drops what the client sends up to Sync; false unless the Sync goes to the server. */
  private boolean discardUntilSync(ByteBuf frames, int at, int next, char type) {
    if (type != FrontendType.SYNC) {
      return false;
    }
    log(frames, at, next);
    Discard discarded = discard;
    discard = Discard.NONE;
    relay.owed().synced();
    if (discarded == Discard.LOCAL) {
      toClient(new ReadyForQuery(relay.owed().transactionStatus()).encode(relay.client.alloc()));
      return false;
    }
    relay.owed().expectReadyForQuery();
    relay.meter.sync();
    return true;
  }

  private void toServer(ByteBuf frame) {
    lastWrite = relay.server().write(frame);
  }

  private void toClient(ByteBuf frame) {
    relay.statements().toClient(frame);
    lastWrite = relay.client.write(frame);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    TransactionServer transactions = relay.transactions();
    if (transactions != null && transactions.waiting()) {
      // Read on once the frames that wait for a server connection are relayed.
      return;
    }
    if (relay.ended()) {
      // The session ends: nothing more is read, what was written is flushed.
      received = false;
      lastWrite = null;
      relay.server().flush();
      relay.client.flush();
      return;
    }
    if (lastWrite == null) {
      if (received) {
        // Everything read was discarded: nothing to wait for.
        ctx.read();
      }
      received = false;
      return;
    }
    received = false;
    relay.server().flush();
    relay.client.flush();
    lastWrite.addListener(
        written -> {
          if (written.isSuccess()) {
            ctx.read();
          } else {
            ctx.close();
          }
        });
    lastWrite = null;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == Shutdown.DRAIN) {
      relay.drain();
    } else if (event == Shutdown.NOW) {
      relay.terminateNow();
    } else if (event instanceof Revoked revoked) {
      relay.terminateNow(revoked.error());
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  /**
   * A frame the decoder refused (a length below 4 or over the proxy's maximum) ends the session
   * with {@code FATAL 08P01} naming what was wrong; anything else closes the connection.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException && !relay.ended() && ctx.channel().isActive()) {
      String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
      protocolViolation("invalid message length: " + reason);
    } else {
      ctx.close();
    }
  }
}
