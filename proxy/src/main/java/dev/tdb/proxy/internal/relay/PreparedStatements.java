/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.Wire;
import dev.tdb.proxy.internal.protocol.backend.BackendType;
import dev.tdb.proxy.internal.protocol.frontend.FrontendType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A transaction-mode client's named prepared statements, carried across server connections. The
 * client's Parse of a named statement is kept (its query text and parameter types) and sent under a
 * name of the proxy's, {@code tdb_} and a SHA-256 of the two, so that two clients' {@code S_1} with
 * different SQL never meet, and the same SQL is prepared once per server connection whoever parses
 * it. A Bind or Describe of the statement on a connection that lacks it gets the Parse sent first,
 * whose ParseComplete the client never sees; a Close of it is answered with the CloseComplete of a
 * Close of a portal that cannot exist (the server answers Close of a missing name with
 * CloseComplete), so the answer keeps its place among the server's. The server connection's {@link
 * ServerStatements} is bounded: the statement it evicts is closed there. Unnamed statements and
 * portals live only within a transaction and pass as they are. Confined to the client's event loop:
 * no volatile.
 */
final class PreparedStatements {
  /** The portal a client's Close of a named statement closes instead: no client can open it. */
  static final String NO_PORTAL = "tdb\u001fnone";

  /** What a Describe or Close names: a statement, or a portal. */
  private static final char STATEMENT = 'S';

  private static final char PORTAL = 'P';

  /** What the client parsed under a name: the proxy's name and the Parse's text and types. */
  private record Statement(String serverName, byte[] body) {}

  /**
   * An answer the server owes for a Parse or Close sent in the batch ending at ReadyForQuery number
   * {@code batch}: shown to the client or swallowed; {@code prepared} names the statement a Parse
   * prepares, forgotten when the server skips it.
   */
  private record Owed(boolean swallow, String prepared, long batch) {}

  private final Map<String, Statement> statements = new HashMap<>();
  private final Deque<Owed> parses = new ArrayDeque<>();
  private final Deque<Owed> closes = new ArrayDeque<>();

  /**
   * The frames to send in place of the client's Parse, Bind, Describe or Close {@code frame} on a
   * connection with {@code server}'s statements, or null to send it as it is; {@code batch} is the
   * number of the ReadyForQuery that ends the frame's batch.
   */
  ByteBuf rewrite(ByteBuf frame, ServerStatements server, ByteBufAllocator alloc, long batch) {
    int at = frame.readerIndex() + Wire.HEADER_BYTES;
    return switch ((char) frame.getByte(frame.readerIndex())) {
      case FrontendType.PARSE -> parse(frame, at, server, alloc, batch);
      case FrontendType.BIND -> bind(frame, at, server, alloc, batch);
      case FrontendType.DESCRIBE ->
          frame.getByte(at) == STATEMENT ? describe(frame, at + 1, server, alloc, batch) : null;
      case FrontendType.CLOSE -> close(frame, at, alloc, batch);
      default -> null;
    };
  }

  private ByteBuf parse(
      ByteBuf frame, int at, ServerStatements server, ByteBufAllocator alloc, long batch) {
    int nameEnd = frame.indexOf(at, frame.writerIndex(), (byte) 0);
    if (nameEnd == at) {
      parses.add(new Owed(false, null, batch));
      return null;
    }
    String name = frame.toString(at, nameEnd - at, StandardCharsets.UTF_8);
    byte[] body = ByteBufUtil.getBytes(frame, nameEnd + 1, frame.writerIndex() - nameEnd - 1);
    Statement statement = new Statement(serverName(body), body);
    statements.put(name, statement);
    ByteBuf out = alloc.buffer();
    if (server.has(statement.serverName())) {
      // Parsed there already, maybe by another client: closed first so the Parse can answer.
      close(out, STATEMENT, statement.serverName(), true, batch);
    } else {
      String evicted = server.add(statement.serverName());
      if (evicted != null) {
        close(out, STATEMENT, evicted, true, batch);
      }
    }
    parse(out, statement, false, batch);
    return out;
  }

  private ByteBuf bind(
      ByteBuf frame, int at, ServerStatements server, ByteBufAllocator alloc, long batch) {
    int portalEnd = frame.indexOf(at, frame.writerIndex(), (byte) 0);
    int nameEnd = frame.indexOf(portalEnd + 1, frame.writerIndex(), (byte) 0);
    Statement statement = named(frame, portalEnd + 1, nameEnd);
    if (statement == null) {
      return null;
    }
    ByteBuf out = alloc.buffer();
    prepare(out, statement, server, batch);
    ByteBuf bind = Wire.begin(alloc, FrontendType.BIND);
    bind.writeBytes(frame, at, portalEnd + 1 - at);
    Wire.writeCString(bind, statement.serverName());
    bind.writeBytes(frame, nameEnd + 1, frame.writerIndex() - nameEnd - 1);
    out.writeBytes(Wire.finish(bind));
    bind.release();
    return out;
  }

  private ByteBuf describe(
      ByteBuf frame, int at, ServerStatements server, ByteBufAllocator alloc, long batch) {
    int nameEnd = frame.indexOf(at, frame.writerIndex(), (byte) 0);
    Statement statement = named(frame, at, nameEnd);
    if (statement == null) {
      return null;
    }
    ByteBuf out = alloc.buffer();
    prepare(out, statement, server, batch);
    ByteBuf describe = Wire.begin(alloc, FrontendType.DESCRIBE);
    describe.writeByte(STATEMENT);
    Wire.writeCString(describe, statement.serverName());
    out.writeBytes(Wire.finish(describe));
    describe.release();
    return out;
  }

  private ByteBuf close(ByteBuf frame, int at, ByteBufAllocator alloc, long batch) {
    int nameEnd = frame.indexOf(at + 1, frame.writerIndex(), (byte) 0);
    if (frame.getByte(at) != STATEMENT || nameEnd == at + 1) {
      closes.add(new Owed(false, null, batch));
      return null;
    }
    String name = frame.toString(at + 1, nameEnd - at - 1, StandardCharsets.UTF_8);
    statements.remove(name);
    ByteBuf out = alloc.buffer();
    close(out, PORTAL, NO_PORTAL, false, batch);
    return out;
  }

  /** The client's statement named in {@code frame[from, to)}; null for the unnamed or unknown. */
  private Statement named(ByteBuf frame, int from, int to) {
    if (from == to) {
      return null;
    }
    return statements.get(frame.toString(from, to - from, StandardCharsets.UTF_8));
  }

  /** Writes the Parse of {@code statement} to {@code out} unless the server has it. */
  private void prepare(ByteBuf out, Statement statement, ServerStatements server, long batch) {
    if (server.has(statement.serverName())) {
      return;
    }
    String evicted = server.add(statement.serverName());
    if (evicted != null) {
      close(out, STATEMENT, evicted, true, batch);
    }
    parse(out, statement, true, batch);
  }

  private void parse(ByteBuf out, Statement statement, boolean swallow, long batch) {
    ByteBuf parse = Wire.begin(out.alloc(), FrontendType.PARSE);
    Wire.writeCString(parse, statement.serverName());
    parse.writeBytes(statement.body());
    out.writeBytes(Wire.finish(parse));
    parse.release();
    parses.add(new Owed(swallow, statement.serverName(), batch));
  }

  private void close(ByteBuf out, char kind, String name, boolean swallow, long batch) {
    ByteBuf close = Wire.begin(out.alloc(), FrontendType.CLOSE);
    close.writeByte(kind);
    Wire.writeCString(close, name);
    out.writeBytes(Wire.finish(close));
    close.release();
    closes.add(new Owed(swallow, null, batch));
  }

  /**
   * The text to run in place of {@code sql}, a {@code DEALLOCATE} a client sends for its statements
   * (psycopg 3 does after a rollback), or null to run it as it is (a name the client never parsed
   * fails on the server as it would directly). {@code DEALLOCATE ALL} runs as it is and empties
   * both lists; a statement's {@code DEALLOCATE} drops the proxy's name of it there.
   */
  String deallocate(String sql, ServerStatements server) {
    String[] words = sql.trim().split("\\s+");
    int at = words.length > 1 && words[1].equalsIgnoreCase("prepare") ? 2 : 1;
    if (words.length != at + 1) {
      return null;
    }
    String name = words[at];
    if (name.equalsIgnoreCase("all")) {
      statements.clear();
      server.clear();
      return null;
    }
    name =
        name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
            ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
            : name.toLowerCase(Locale.ROOT);
    Statement statement = statements.remove(name);
    if (statement == null) {
      return null;
    }
    server.remove(statement.serverName());
    return "DEALLOCATE " + statement.serverName();
  }

  /**
   * Whether the server's ParseComplete ({@code '1'}) or CloseComplete ({@code '3'}) is the proxy's.
   */
  boolean swallow(char type) {
    Owed owed = (type == BackendType.PARSE_COMPLETE ? parses : closes).poll();
    return owed != null && owed.swallow();
  }

  /**
   * ReadyForQuery number {@code ready} arrived: the Parse and Close answers its batch still owed
   * will not come (an error skipped them), and what those Parses would have prepared is not on
   * {@code server}.
   */
  void batchEnded(long ready, ServerStatements server) {
    while (!parses.isEmpty() && parses.peek().batch() <= ready) {
      String prepared = parses.poll().prepared();
      if (prepared != null) {
        server.remove(prepared);
      }
    }
    while (!closes.isEmpty() && closes.peek().batch() <= ready) {
      closes.poll();
    }
  }

  /** The proxy's name of a statement: its text and parameter types' SHA-256, 40 hex digits. */
  static String serverName(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "tdb_" + ByteBufUtil.hexDump(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
