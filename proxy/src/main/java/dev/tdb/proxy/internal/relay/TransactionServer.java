/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.pooling.TransactionPooling;
import dev.tdb.core.sql.Classification;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.ReadyForQuery;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import dev.tdb.proxy.internal.protocol.frontend.Parse;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Transaction mode: a client holds a server connection from the first message it sends after a
 * transaction ended until the server's next ReadyForQuery {@code I} with nothing more owed, then
 * the connection goes back to the pool without a reset (or with one, when the transaction ran what
 * the classifier cannot vouch for, or the server reported a changed setting). Frames that arrive
 * while no connection is held wait, and nothing more is read from the client, until the pool grants
 * one.
 *
 * <p>Session settings ({@code SET}, {@code RESET}, {@code set_config(..., false)}) are tracked: a
 * transaction that changed some has their values read back before its connection goes back (so a
 * rolled-back or failed {@code SET} counts as what it left), and each connection the client is
 * given gets the client's settings first when it carries others ({@link SettingsSync}). Confined to
 * the client's event loop: no volatile.
 */
final class TransactionServer {
  private final RelaySession relay;
  private final ServerSource source;
  private Consumer<ByteBuf> relayFrames;
  private ByteBuf waiting;
  private boolean touched;
  private boolean syncing;
  private Map<String, String> settings = Map.of();
  private final Set<String> changed = new LinkedHashSet<>();
  private final PreparedStatements statements = new PreparedStatements();

  TransactionServer(RelaySession relay, ServerSource source) {
    this.relay = relay;
    this.source = source;
  }

  /**
   * Takes {@code frames} (and their ownership) when no server connection is ready for them, and
   * hands them to {@code relayFrames} once one is; false when they can be relayed now. A Terminate
   * between transactions ends only the client's session.
   */
  boolean tookWhileNoServer(ByteBuf frames, Consumer<ByteBuf> relayFrames) {
    if ((relay.server() != null && !syncing) || relay.ended()) {
      return false;
    }
    if (frames.getByte(frames.readerIndex()) == FrontendType.TERMINATE) {
      frames.release();
      relay.closeClient();
    } else {
      await(frames, relayFrames);
    }
    return true;
  }

  /** Whether frames wait for a server connection. */
  boolean waiting() {
    return waiting != null;
  }

  private void await(ByteBuf frames, Consumer<ByteBuf> relayFrames) {
    this.relayFrames = relayFrames;
    if (waiting != null) {
      // One read of the client can bring several buffers (TLS records): they wait together, for
      // the connection already asked for.
      ByteBuf joined =
          relay.client.alloc().buffer(waiting.readableBytes() + frames.readableBytes());
      joined.writeBytes(waiting).writeBytes(frames);
      waiting.release();
      frames.release();
      waiting = joined;
      return;
    }
    waiting = frames;
    if (!syncing) {
      source.acquire(this::granted, this::refused);
    }
  }

  private void granted(ServerLease lease) {
    if (waiting == null) {
      lease.giveBack();
      return;
    }
    touched = false;
    syncing = true;
    SettingsSync.apply(
        lease,
        settings,
        relay.judge().reading().charset(),
        relay.client.eventLoop(),
        applied -> {
          syncing = false;
          if (applied == null) {
            lease.handBack(ReadyForQuery.IDLE);
            refused(ProxyErrors.sessionSettingsNotApplied(settings.keySet()));
            return;
          }
          lease.settings(settings);
          attach(lease);
          ByteBuf held = waiting;
          waiting = null;
          if (held != null) {
            relayFrames.accept(held);
          }
        });
  }

  private void refused(Decision.Reject why) {
    release();
    if (relay.client.isActive()) {
      relay.client.writeAndFlush(relay.end(why));
      relay.closeClient();
    }
  }

  /**
   * {@code classification}'s text went to the server: notes the session settings it changes and
   * whether it may change its session unseen ({@link TransactionPooling}).
   */
  void sent(Classification classification) {
    touched |= TransactionPooling.unvouched(classification);
    changed.addAll(TransactionPooling.sessionSettings(classification));
  }

  /**
   * The frames to send in place of the client's Parse, Bind, Describe or Close {@code frame}, or
   * null to send it as it is ({@link PreparedStatements}).
   */
  ByteBuf rewrite(ByteBuf frame) {
    Owed owed = relay.owed();
    return statements.rewrite(
        frame,
        relay.lease().statements(),
        relay.client.alloc(),
        owed.readyReceived() + owed.readyForQuery() + 1);
  }

  /**
   * The Query or Parse to send in place of the client's {@code frame} of {@code classification}, a
   * {@code DEALLOCATE} of its prepared statements, or null to send the frame as it is.
   */
  ByteBuf deallocate(ByteBuf frame, Classification classification) {
    if (classification.statements().size() != 1
        || !classification.first().commandTag().equals("DEALLOCATE")) {
      return null;
    }
    String sql =
        statements.deallocate(
            classification.first().text(classification.sql()), relay.lease().statements());
    if (sql == null) {
      return null;
    }
    ByteBufAllocator alloc = relay.client.alloc();
    if (frame.getByte(frame.readerIndex()) == FrontendType.QUERY) {
      return new Query(sql).encode(alloc);
    }
    String name = Parse.decode(frame).statement();
    ByteBuf parse = Wire.begin(alloc, FrontendType.PARSE);
    Wire.writeCString(parse, name);
    Wire.writeCString(parse, sql);
    parse.writeShort(0);
    return Wire.finish(parse);
  }

  /** Whether the server's ParseComplete or CloseComplete ({@code type}) is the proxy's own. */
  boolean swallow(char type) {
    return statements.swallow(type);
  }

  /** The server sent a ReadyForQuery: answers its batch still owed will not come. */
  void readyForQuery() {
    statements.batchEnded(relay.owed().readyReceived(), relay.lease().statements());
  }

  /**
   * The server reported setting {@code name} changed: unless a tracked statement of the transaction
   * changed it, the connection is reset before its next client.
   */
  void reported(String name) {
    touched |= !changed.contains(name.toLowerCase(Locale.ROOT)) && !changed.contains("all");
  }

  /**
   * After a server read was relayed: gives the connection back if the transaction is over (after
   * reading back the settings it changed); true when the relay no longer reads the connection.
   */
  boolean readRelayed() {
    if (syncing || !transactionOver()) {
      return syncing;
    }
    if (changed.isEmpty()) {
      giveBack();
      return true;
    }
    List<String> names = new ArrayList<>(changed);
    if (names.remove("all")) {
      settings.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
    }
    changed.clear();
    syncing = true;
    ServerLease lease = relay.lease();
    SettingsSync.readBack(
        lease,
        names,
        relay.judge().reading().charset(),
        relay.client.eventLoop(),
        values -> {
          syncing = false;
          if (values == null) {
            // The values are unknown: the connection is reset, and the client keeps what it had.
            touched = true;
          } else {
            settings = SettingsSync.merged(settings, names, values);
            lease.settings(settings);
          }
          giveBack();
          if (waiting != null) {
            source.acquire(this::granted, this::refused);
          }
        });
    return true;
  }

  /**
   * Whether the held connection can go back to the pool now: its transaction ended (ReadyForQuery
   * {@code I}) with nothing owed, no refusal waiting, and the session goes on.
   */
  private boolean transactionOver() {
    Owed owed = relay.owed();
    return relay.server() != null
        && owed.nothing()
        && owed.transactionStatus() == ReadyForQuery.IDLE
        && owed.refusals() == 0
        && !relay.ending()
        && relay.server().isActive();
  }

  /** Relays to {@code lease}'s connection, whose channel may run on another event loop. */
  private void attach(ServerLease lease) {
    relay.hold(lease);
    Channel server = lease.channel();
    server
        .pipeline()
        .replace(RelaySession.SERVER_HANDLER, RelaySession.SERVER_HANDLER, new BackendRelay(relay));
    server.read();
  }

  /**
   * The transaction ended: the connection goes back to the pool as it is, after a reset when its
   * session state could not be vouched for, or closed when a cancel sent to it could still hit its
   * next client.
   */
  private void giveBack() {
    boolean cancelled = relay.cancelSent();
    ServerLease held = relay.hold(null);
    if (cancelled) {
      RelaySession.endServer(held.channel());
    } else if (touched) {
      held.handBack(ReadyForQuery.IDLE);
    } else {
      held.giveBack();
    }
    touched = false;
  }

  /** The client left: what waited for a connection is dropped. */
  void clientClosed() {
    release();
  }

  private void release() {
    if (waiting != null) {
      waiting.release();
      waiting = null;
    }
  }
}
