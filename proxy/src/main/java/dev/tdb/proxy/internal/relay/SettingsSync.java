/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import dev.tdb.proxy.internal.protocol.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Transaction mode: the proxy's own statements about a client's session settings on a server
 * connection, answered to the proxy only. {@link #apply} gives a connection the settings a client
 * made ({@code RESET ALL} first when it carries another client's), {@link #readBack} reads the
 * values of settings a transaction changed (whatever it did: committed, rolled back, failed). It
 * holds the server channel's frames until the last ReadyForQuery, then hands the outcome to the
 * client's event loop: the values read (empty for apply), or null when the server refused. Releases
 * every buffer it is given.
 */
final class SettingsSync extends ChannelInboundHandlerAdapter {
  private final ServerLease lease;
  private final Charset charset;
  private final EventLoop clientLoop;
  private final Consumer<List<String>> done;
  // Confined to the server channel's event loop: no volatile.
  private int owed;
  private boolean failed;
  private List<String> values = List.of();

  private SettingsSync(
      ServerLease lease,
      Charset charset,
      EventLoop clientLoop,
      int owed,
      Consumer<List<String>> done) {
    this.lease = lease;
    this.charset = charset;
    this.clientLoop = clientLoop;
    this.owed = owed;
    this.done = done;
  }

  /**
   * Gives {@code lease}'s connection the session settings {@code tracked} (names to values); {@code
   * done} runs on {@code clientLoop}, with null when the server refused.
   */
  static void apply(
      ServerLease lease,
      Map<String, String> tracked,
      Charset charset,
      EventLoop clientLoop,
      Consumer<List<String>> done) {
    List<String> queries = new ArrayList<>(2);
    Map<String, String> applied = lease.settings();
    if (!tracked.keySet().containsAll(applied.keySet())) {
      queries.add("RESET ALL");
      applied = Map.of();
    }
    StringBuilder set = new StringBuilder();
    for (Map.Entry<String, String> entry : tracked.entrySet()) {
      if (!entry.getValue().equals(applied.get(entry.getKey()))) {
        set.append(set.length() == 0 ? "SELECT " : ", ")
            .append("set_config(")
            .append(literal(entry.getKey()))
            .append(", ")
            .append(literal(entry.getValue()))
            .append(", false)");
      }
    }
    if (set.length() > 0) {
      queries.add(set.toString());
    }
    run(lease, queries, charset, clientLoop, done);
  }

  /**
   * Reads the values of the settings {@code names} on {@code lease}'s connection; {@code done} runs
   * on {@code clientLoop} with them in order, or null when the server refused.
   */
  static void readBack(
      ServerLease lease,
      Collection<String> names,
      Charset charset,
      EventLoop clientLoop,
      Consumer<List<String>> done) {
    if (names.isEmpty()) {
      done.accept(List.of());
      return;
    }
    StringBuilder select = new StringBuilder();
    for (String name : names) {
      select
          .append(select.length() == 0 ? "SELECT " : ", ")
          .append("current_setting(")
          .append(literal(name))
          .append(", true)");
    }
    run(lease, List.of(select.toString()), charset, clientLoop, done);
  }

  private static void run(
      ServerLease lease,
      List<String> queries,
      Charset charset,
      EventLoop clientLoop,
      Consumer<List<String>> done) {
    if (queries.isEmpty()) {
      done.accept(List.of());
      return;
    }
    Channel channel = lease.channel();
    channel
        .pipeline()
        .replace(
            RelaySession.SERVER_HANDLER,
            RelaySession.SERVER_HANDLER,
            new SettingsSync(lease, charset, clientLoop, queries.size(), done));
    for (String sql : queries) {
      channel.write(new Query(sql).encode(channel.alloc()));
    }
    channel.flush();
    channel.read();
  }

  /**
   * {@code text} as an escape string literal, read the same whatever standard_conforming_strings.
   */
  static String literal(String text) {
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frames = (ByteBuf) msg;
    try {
      Wire.forEachFrame(frames, this::frame);
    } finally {
      frames.release();
    }
  }

  private void frame(ByteBuf frame) {
    switch (Wire.type(frame)) {
      case BackendType.ERROR_RESPONSE -> failed = true;
      case BackendType.PARAMETER_STATUS -> lease.reported(ParameterStatus.decode(frame));
      case BackendType.DATA_ROW -> values = dataRow(frame);
      case BackendType.READY_FOR_QUERY -> {
        if (--owed == 0) {
          List<String> outcome = failed ? null : values;
          clientLoop.execute(() -> done.accept(outcome));
        }
      }
      default -> {
        // RowDescription, CommandComplete, NoticeResponse: nothing to keep.
      }
    }
  }

  /** The text values of a DataRow; null for SQL NULL. */
  private List<String> dataRow(ByteBuf frame) {
    int at = frame.readerIndex() + Wire.HEADER_BYTES;
    int columns = frame.getShort(at);
    at += 2;
    List<String> row = new ArrayList<>(columns);
    for (int i = 0; i < columns; i++) {
      int length = frame.getInt(at);
      at += 4;
      row.add(length < 0 ? null : frame.toString(at, length, charset));
      at += Math.max(length, 0);
    }
    return row;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (owed > 0) {
      ctx.read();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** The values {@link #readBack} read for {@code names}, merged into {@code tracked}. */
  static Map<String, String> merged(
      Map<String, String> tracked, Collection<String> names, List<String> values) {
    Map<String, String> merged = new LinkedHashMap<>(tracked);
    int i = 0;
    for (String name : names) {
      String value = values.get(i++);
      if (value == null) {
        merged.remove(name);
      } else {
        merged.put(name, value);
      }
    }
    return merged;
  }
}
