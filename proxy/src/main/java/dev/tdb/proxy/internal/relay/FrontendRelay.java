/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.sql.Classification;
import dev.tdb.proxy.internal.protocol.ErrorResponse;
import dev.tdb.proxy.internal.protocol.Execute;
import dev.tdb.proxy.internal.protocol.Parse;
import dev.tdb.proxy.internal.protocol.Query;
import dev.tdb.proxy.internal.protocol.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.Sync;
import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Relays client frames to the server as the original buffers (ownership passes to the server
 * channel's write), judging Query and Parse through the policy first. A refusal never reaches the
 * server as SQL: when the server owes nothing, the proxy answers itself (ErrorResponse, then
 * ReadyForQuery for Query, or after discarding until Sync); otherwise it sends an Execute of a
 * portal that cannot exist, so the server fails at exactly that point of the pipeline, rolls back
 * as it would for the refused statement, and {@link BackendRelay} shows the refusal in its place.
 * Frames not forwarded are released here.
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
  private boolean unsynced;
  private ChannelFuture lastWrite;
  private boolean received;

  /** A relay handler for the client channel of {@code relay}. */
  public FrontendRelay(RelaySession relay) {
    this.relay = relay;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    received = true;
    char type = Wire.type(frame);
    if (discard != Discard.NONE) {
      discardUntilSync(frame, type);
      return;
    }
    switch (type) {
      case Query.TYPE -> judgeQuery(frame);
      case Parse.TYPE -> judgeParse(frame);
      case Sync.TYPE -> {
        unsynced = false;
        relay.pendingReadyForQuery++;
        relay.timer.statementsSent(0);
        relay.statements.fromClient(frame);
        toServer(frame);
      }
      case 'B', 'D', 'E', 'C' -> {
        if (type == Execute.TYPE) {
          relay.timer.statementsSent(1);
        }
        unsynced = true;
        relay.statements.fromClient(frame);
        toServer(frame);
      }
      default -> toServer(frame);
    }
  }

  private void judgeQuery(ByteBuf frame) {
    String sql = Query.decode(frame).sql();
    Classification classification = relay.classify(sql);
    Decision decision = relay.decide(classification);
    relay.statements.query(sql, decision);
    if (decision instanceof Decision.Reject reject) {
      frame.release();
      ErrorResponse refusal = ErrorResponse.error(reject);
      if (serverOwesNothing()) {
        toClient(refusal.encode(relay.client.alloc()));
        toClient(new ReadyForQuery(relay.transactionStatus).encode(relay.client.alloc()));
      } else {
        failOnServer(refusal);
        relay.pendingReadyForQuery++;
        toServer(Sync.INSTANCE.encode(relay.server.alloc()));
      }
      return;
    }
    relay.pendingReadyForQuery++;
    relay.timer.statementsSent(classification.statements().size());
    toServer(frame);
  }

  private void judgeParse(ByteBuf frame) {
    Parse parse = Parse.decode(frame);
    Decision decision = relay.decide(parse.sql());
    relay.statements.parse(parse.statement(), parse.sql(), decision);
    if (decision instanceof Decision.Reject reject) {
      frame.release();
      ErrorResponse refusal = ErrorResponse.error(reject);
      if (serverOwesNothing()) {
        toClient(refusal.encode(relay.client.alloc()));
        discard = Discard.LOCAL;
      } else {
        failOnServer(refusal);
        discard = Discard.SERVER;
      }
      return;
    }
    unsynced = true;
    toServer(frame);
  }

  private boolean serverOwesNothing() {
    return !unsynced && relay.pendingReadyForQuery == 0;
  }

  private void failOnServer(ErrorResponse refusal) {
    relay.pendingRefusal = refusal;
    toServer(new Execute(RelaySession.REFUSAL_PORTAL, 0).encode(relay.server.alloc()));
  }

  private void discardUntilSync(ByteBuf frame, char type) {
    if (type != Sync.TYPE) {
      frame.release();
      return;
    }
    relay.statements.fromClient(frame);
    if (discard == Discard.LOCAL) {
      frame.release();
      toClient(new ReadyForQuery(relay.transactionStatus).encode(relay.client.alloc()));
    } else {
      relay.pendingReadyForQuery++;
      toServer(frame);
    }
    discard = Discard.NONE;
    unsynced = false;
  }

  private void toServer(ByteBuf frame) {
    lastWrite = relay.server.write(frame);
  }

  private void toClient(ByteBuf frame) {
    relay.statements.toClient(frame);
    lastWrite = relay.client.write(frame);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (lastWrite == null) {
      if (received) {
        // Everything read was discarded: nothing to wait for.
        ctx.read();
      }
      received = false;
      return;
    }
    received = false;
    relay.server.flush();
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
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
