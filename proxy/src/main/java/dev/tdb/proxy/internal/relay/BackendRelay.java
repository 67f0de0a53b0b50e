/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.LimitRejections;
import dev.tdb.core.policy.SqlState;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;

/**
 * Relays server frames to the client as the original buffers: what one read brought goes on in one
 * write (ownership passes to the client channel's write, which releases it), cut only around a
 * frame the client must not see or must see changed. Frames are looked at in place: only the type
 * byte, except ReadyForQuery (transaction status), and ErrorResponse while a refusal waits for its
 * place in the stream.
 *
 * <p>With {@code max_rows_per_query} N, DataRows are counted per statement (across the portal
 * suspensions of one Execute-with-limit sequence): row N + 1 is dropped, the backend is sent a
 * cancel, and the statement's end (the cancel's error, or its CommandComplete or PortalSuspended
 * when the statement finished first) becomes SQLSTATE 54000 for the client, never a truncated
 * success. What the server sends after such a CommandComplete up to ReadyForQuery is dropped, as a
 * server that had failed would have skipped it. {@code COPY ... TO STDOUT} sends one CopyData per
 * row and is limited the same way: CopyData N + 1 and the CopyDone after it are dropped.
 *
 * <p>ParameterStatus is followed ({@link RelaySession#follow}): a reading of the session's text the
 * proxy cannot keep up with ends the session with the proxy's FATAL in place of the report.
 */
public final class BackendRelay extends ChannelInboundHandlerAdapter {
  /**
   * Run when a result went over the row limit but the server finished the statement before the
   * cancel reached it, inside a transaction block: it fails the server's transaction as the error
   * the client saw would have, so a COMMIT cannot keep what the statement did. It touches nothing;
   * its own error and ReadyForQuery never reach the client.
   */
  static final String FAIL_TRANSACTION = "ROLLBACK TO SAVEPOINT \"tdb\u001frows over limit\"";

  /** {@link #frame}'s answer for a frame passed on as it is. */
  private static final ByteBuf PASS = null;

  /** {@link #frame}'s answer for a frame the client must not see; never written. */
  private static final ByteBuf DROP = Unpooled.EMPTY_BUFFER;

  private enum AfterLimit {
    NONE,
    /** The client saw the limit error; what the server still sends up to ReadyForQuery is not. */
    DISCARD_UNTIL_READY,
    /** {@link #FAIL_TRANSACTION} is running; its ReadyForQuery goes to the client. */
    FAILING_TRANSACTION
  }

  private final RelaySession relay;
  // Confined to the event loop both channels share: no volatile.
  private boolean wrote;
  private boolean received;
  private long rows;
  private boolean overLimit;
  private AfterLimit afterLimit = AfterLimit.NONE;

  /** A relay handler for the server channel of {@code relay}. */
  public BackendRelay(RelaySession relay) {
    this.relay = relay;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (handedOver(() -> channelRead(ctx, msg))) {
      return;
    }
    ByteBuf frames = (ByteBuf) msg;
    if (relay.terminating()) {
      frames.release();
      return;
    }
    received = true;
    relay.meter.sent(frames.readableBytes());
    try {
      int end = frames.writerIndex();
      // Frames from here up to the one being looked at go to the client as they are, in one write.
      int run = frames.readerIndex();
      for (int at = run; at < end && !relay.ended(); ) {
        char type = (char) frames.getByte(at);
        int next = at + 1 + frames.getInt(at + 1);
        ByteBuf instead = frame(frames, at, next, type);
        if (instead != PASS) {
          passOn(frames, run, at);
          run = next;
          if (instead != DROP) {
            relay.statements().toClient(instead);
            toClient(instead);
          }
        } else if (type == BackendType.READY_FOR_QUERY) {
          passOn(frames, run, next);
          run = next;
          relay.readyForQuerySent();
        }
        at = next;
      }
      if (relay.ended()) {
        relay.closeClient();
      } else {
        passOn(frames, run, end);
      }
    } finally {
      frames.release();
    }
  }

  /**
   * Looks at the frame {@code frames[at, next)}: {@link #PASS} to pass it on as it is, {@link
   * #DROP} to drop it, or the frame to send the client in its place.
   */
  private ByteBuf frame(ByteBuf frames, int at, int next, char type) {
    if (type == BackendType.PARAMETER_STATUS) {
      // Followed and shown even after a limit error: a change the server made stands.
      Decision.Reject refusal = relay.follow(ParameterStatus.decode(frames.slice(at, next - at)));
      if (refusal != null) {
        return relay.end(refusal);
      }
    } else if (afterLimit != AfterLimit.NONE) {
      return afterLimit(frames, at, next, type);
    }
    switch (type) {
      case BackendType.READY_FOR_QUERY ->
          relay.readyForQueryReceived((char) frames.getByte(at + Wire.HEADER_BYTES));
      case BackendType.DATA_ROW, BackendType.COPY_DATA, BackendType.COPY_DONE -> {
        if (droppedForTheLimit(frames, at, next, type)) {
          return DROP;
        }
      }
      case BackendType.COMMAND_COMPLETE, BackendType.PORTAL_SUSPENDED -> {
        relay.timer.statementEnded();
        if (overLimit) {
          relay.meter.failed();
          // The statement ended (or paused) on the server before the cancel arrived.
          afterLimit = AfterLimit.DISCARD_UNTIL_READY;
          return tooManyRows();
        }
        relay.meter.completed();
        if (type == BackendType.COMMAND_COMPLETE) {
          rows = 0;
        }
      }
      case BackendType.ERROR_RESPONSE -> {
        relay.timer.statementEnded();
        relay.meter.failed();
        rows = 0;
        if (overLimit) {
          return tooManyRows();
        } else if (relay.owed().refusals() > 0) {
          return substituteRefusal(frames.slice(at, next - at));
        }
        ByteBuf error = frames.slice(at, next - at);
        ByteBuf explained = relay.timer.explain(error);
        if (explained != error) {
          return explained;
        }
      }
      case BackendType.EMPTY_QUERY_RESPONSE -> {
        relay.timer.statementEnded();
        relay.meter.completed();
      }
      case BackendType.COPY_IN_RESPONSE,
          BackendType.COPY_OUT_RESPONSE,
          BackendType.COPY_BOTH_RESPONSE ->
          relay.meter.copy();
      case BackendType.PARSE_COMPLETE, BackendType.CLOSE_COMPLETE -> {
        if (relay.transactions() != null && relay.transactions().swallow(type)) {
          return DROP;
        }
      }
      default -> {
        // Passed through as it is.
      }
    }
    if (relay.statements() != StatementLog.OFF) {
      relay.statements().toClient(frames.slice(at, next - at));
    }
    return PASS;
  }

  /**
   * Whether a DataRow, a CopyData or a CopyDone is dropped because the result is over the limit.
   */
  private boolean droppedForTheLimit(ByteBuf frames, int at, int next, char type) {
    return switch (type) {
      // A copy that ended before the cancel arrived: the client sees it fail, not end.
      case BackendType.COPY_DONE -> overLimit;
      case BackendType.COPY_DATA -> !isBinaryCopyTrailer(frames, at, next) && overRowLimit();
      default -> overRowLimit();
    };
  }

  /** Counts a row; true when it is over the limit (the first one over sends the cancel). */
  private boolean overRowLimit() {
    if (relay.maxRows > 0 && (overLimit || ++rows > relay.maxRows)) {
      if (!overLimit) {
        overLimit = true;
        relay.cancelBackend();
      }
      return true;
    }
    return false;
  }

  /**
   * Binary COPY ends with a CopyData of its own holding the trailer, the field count -1, which is
   * not a row; a row's field count is never negative, and a text row ends with a newline.
   */
  private static boolean isBinaryCopyTrailer(ByteBuf frames, int at, int next) {
    return next - at == Wire.HEADER_BYTES + 2 && frames.getShort(at + Wire.HEADER_BYTES) == -1;
  }

  /** Writes the frames {@code frames[from, to)} to the client as they are. */
  private void passOn(ByteBuf frames, int from, int to) {
    if (from < to) {
      toClient(Wire.range(frames, from, to));
    }
  }

  /** The client's error for a result over the limit; the next result starts counting anew. */
  private ByteBuf tooManyRows() {
    overLimit = false;
    rows = 0;
    Decision.Reject reject = LimitRejections.tooManyRows(relay.maxRows, relay.workspace);
    relay.meter.proxyError(reject.sqlState());
    return ErrorResponse.error(reject).encode(relay.client.alloc());
  }

  private ByteBuf afterLimit(ByteBuf frames, int at, int next, char type) {
    if (type != BackendType.READY_FOR_QUERY) {
      return DROP;
    }
    char status = (char) frames.getByte(at + Wire.HEADER_BYTES);
    boolean lastOwed = relay.owed().readyForQuery() == 1;
    if (afterLimit == AfterLimit.DISCARD_UNTIL_READY
        && status == ReadyForQuery.IN_TRANSACTION
        && lastOwed) {
      afterLimit = AfterLimit.FAILING_TRANSACTION;
      Channel server = relay.server();
      server.writeAndFlush(new Query(FAIL_TRANSACTION).encode(server.alloc()));
      return DROP;
    }
    afterLimit = AfterLimit.NONE;
    relay.readyForQueryReceived(status);
    if (relay.statements() != StatementLog.OFF) {
      relay.statements().toClient(frames.slice(at, next - at));
    }
    return PASS;
  }

  /** The refusal in place of the server's error about the marker portal, else {@link #PASS}. */
  private ByteBuf substituteRefusal(ByteBuf frame) {
    Owed.Refusal next = relay.owed().nextRefusal();
    if (relay.owed().readyReceived() < next.afterReady()) {
      // The error of an earlier Query or batch: the marker still runs after its ReadyForQuery.
      relay.statements().toClient(frame);
      return PASS;
    }
    relay.owed().refusalAnswered();
    ErrorResponse error = ErrorResponse.decode(frame);
    if (!SqlState.INVALID_CURSOR_NAME.is(error.sqlState())
        || !error.message().contains(RelaySession.REFUSAL_PORTAL)) {
      // An earlier message of the marker's batch failed first; the server skipped the marker, as
      // it skips to Sync.
      relay.statements().toClient(frame);
      return PASS;
    }
    return next.error().encode(relay.client.alloc());
  }

  /**
   * Writes without a promise of its own: a failed write reaches the client channel's pipeline as an
   * exception, which closes it. A promise per DataRow cost more than the rest of the relay.
   */
  private void toClient(ByteBuf frame) {
    relay.client.write(frame, relay.client.voidPromise());
    wrote = true;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (handedOver(() -> channelReadComplete(ctx))) {
      return;
    }
    boolean read = received;
    received = false;
    TransactionServer transactions = relay.transactions();
    // Given back to the pool (transaction mode): reading it is its next holder's business.
    boolean givenBack = transactions != null && transactions.readRelayed();
    if (!wrote) {
      if (read && !givenBack) {
        // Every frame read was dropped (rows over the limit): nothing to wait for.
        relay.afterCancelDelivered(ctx::read);
      }
      return;
    }
    wrote = false;
    // Written after everything this read passed on, so it completes once all of it is written.
    relay
        .client
        .writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            written -> {
              if (givenBack) {
                return;
              }
              if (written.isSuccess() && !relay.ended()) {
                relay.afterCancelDelivered(ctx::read);
              } else {
                ctx.close();
              }
            });
  }

  /**
   * Whether the server's event loop is not the client's (transaction mode): then {@code again} runs
   * on the client's, where the session's state lives, and the caller returns. Events keep their
   * order: they are queued on one loop in the order they happen.
   */
  private boolean handedOver(Runnable again) {
    EventLoop loop = relay.client.eventLoop();
    if (loop.inEventLoop()) {
      return false;
    }
    loop.execute(again);
    return true;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
