/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named statements carried across server connections, frame by frame. */
final class PreparedStatementsTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private final PreparedStatements client = new PreparedStatements();
  private final ServerStatements first = new ServerStatements(100);
  private final ServerStatements second = new ServerStatements(100);

  @Test
  void twoClientsSameNameWithDifferentSqlGetDifferentServerNames() {
    PreparedStatements other = new PreparedStatements();
    List<String> mine = rewrite(client, parse("S_1", "SELECT 1"), first, 1);
    List<String> theirs = rewrite(other, parse("S_1", "SELECT 2"), first, 1);
    assertThat(mine).singleElement().asString().startsWith("P tdb_");
    assertThat(theirs).singleElement().asString().startsWith("P tdb_");
    assertThat(mine).isNotEqualTo(theirs);
    assertThat(client.swallow('1')).isFalse();
  }

  @Test
  void aBindOnAConnectionLackingTheStatementPreparesItThereFirst() {
    String name = serverName("SELECT 1");
    rewrite(client, parse("S_1", "SELECT 1"), first, 1);
    assertThat(client.swallow('1')).isFalse();

    assertThat(rewrite(client, bind("S_1"), second, 2)).containsExactly("P " + name, "B " + name);
    assertThat(client.swallow('1')).as("the proxy's ParseComplete").isTrue();
    assertThat(rewrite(client, bind("S_1"), second, 3)).containsExactly("B " + name);
    assertThat(rewrite(client, describe("S_1"), first, 3)).containsExactly("D " + name);
  }

  @Test
  void theSameSqlParsedWhereItIsPreparedClosesItFirst() {
    String name = serverName("SELECT 1");
    rewrite(client, parse("S_1", "SELECT 1"), first, 1);
    client.swallow('1');
    PreparedStatements other = new PreparedStatements();
    assertThat(rewrite(other, parse("S_7", "SELECT 1"), first, 1))
        .containsExactly("C S " + name, "P " + name);
    assertThat(other.swallow('3')).isTrue();
    assertThat(other.swallow('1')).isFalse();
  }

  @Test
  void aCloseIsAnsweredByTheServerClosingNothing() {
    rewrite(client, parse("S_1", "SELECT 1"), first, 1);
    client.swallow('1');
    assertThat(rewrite(client, close("S_1"), first, 1))
        .containsExactly("C P " + PreparedStatements.NO_PORTAL);
    assertThat(client.swallow('3')).isFalse();
    assertThat(rewrite(client, bind("S_1"), second, 2)).as("forgotten").isNull();
  }

  @Test
  void unnamedStatementsPassAsTheyAre() {
    assertThat(rewrite(client, parse("", "SELECT 1"), first, 1)).isNull();
    assertThat(rewrite(client, bind(""), first, 1)).isNull();
    assertThat(client.swallow('1')).isFalse();
  }

  @Test
  void theLeastRecentlyUsedStatementIsClosedBeyondTheCacheSize() {
    ServerStatements small = new ServerStatements(2);
    rewrite(client, parse("S_1", "SELECT 1"), small, 1);
    rewrite(client, parse("S_2", "SELECT 2"), small, 1);
    rewrite(client, bind("S_1"), small, 1);
    assertThat(rewrite(client, parse("S_3", "SELECT 3"), small, 1))
        .containsExactly("C S " + serverName("SELECT 2"), "P " + serverName("SELECT 3"));
    assertThat(small.size()).isEqualTo(2);
  }

  @Test
  void aParseTheServerSkippedAfterAnErrorIsNotThoughtPrepared() {
    String name = serverName("SELECT 1");
    rewrite(client, parse("S_1", "SELECT 1"), first, 1);
    client.swallow('1');
    rewrite(client, bind("S_1"), second, 2);
    client.batchEnded(2, second);
    assertThat(rewrite(client, bind("S_1"), second, 3)).containsExactly("P " + name, "B " + name);
  }

  /** What {@code statements} sends for the client's {@code frame}, released; null: the frame. */
  private static List<String> rewrite(
      PreparedStatements statements, ByteBuf frame, ServerStatements server, long batch) {
    try {
      ByteBuf out = statements.rewrite(frame, server, ALLOC, batch);
      return out == null ? null : sent(out);
    } finally {
      frame.release();
    }
  }

  @Test
  void aDeallocateOfTheClientsStatementDropsTheProxysName() {
    String name = serverName("SELECT 1");
    rewrite(client, parse("_pg3_0", "SELECT 1"), first, 1);
    assertThat(client.deallocate("DEALLOCATE _PG3_0", first)).isEqualTo("DEALLOCATE " + name);
    assertThat(client.deallocate("DEALLOCATE \"_pg3_0\"", first)).as("gone").isNull();
    assertThat(rewrite(client, bind("_pg3_0"), first, 2)).as("forgotten").isNull();

    rewrite(client, parse("_pg3_1", "SELECT 2"), first, 2);
    assertThat(client.deallocate("DEALLOCATE PREPARE ALL", first)).isNull();
    assertThat(first.size()).isZero();
    assertThat(rewrite(client, bind("_pg3_1"), first, 3)).isNull();
  }

  private static String serverName(String sql) {
    ByteBuf parse = parse("x", sql);
    byte[] body = new byte[parse.readableBytes() - Wire.HEADER_BYTES - 2];
    parse.getBytes(Wire.HEADER_BYTES + 2, body);
    parse.release();
    return PreparedStatements.serverName(body);
  }

  /** The frames written, as "P name", "B statement", "D name", "C kind name"; released. */
  private static List<String> sent(ByteBuf frames) {
    List<String> out = new ArrayList<>();
    while (frames.isReadable()) {
      int at = frames.readerIndex();
      char type = (char) frames.getByte(at);
      int next = at + 1 + frames.getInt(at + 1);
      frames.readerIndex(at + Wire.HEADER_BYTES);
      switch (type) {
        case 'P' -> out.add("P " + Wire.readCString(frames));
        case 'B' -> {
          Wire.readCString(frames);
          out.add("B " + Wire.readCString(frames));
        }
        case 'D' -> {
          frames.readByte();
          out.add("D " + Wire.readCString(frames));
        }
        default -> out.add("C " + (char) frames.readByte() + " " + Wire.readCString(frames));
      }
      frames.readerIndex(next);
    }
    frames.release();
    return out;
  }

  private static ByteBuf parse(String name, String sql) {
    ByteBuf out = Wire.begin(ALLOC, 'P');
    Wire.writeCString(out, name);
    Wire.writeCString(out, sql);
    out.writeShort(0);
    return Wire.finish(out);
  }

  private static ByteBuf bind(String statement) {
    ByteBuf out = Wire.begin(ALLOC, 'B');
    Wire.writeCString(out, "");
    Wire.writeCString(out, statement);
    out.writeShort(0).writeShort(0).writeShort(0);
    return Wire.finish(out);
  }

  private static ByteBuf describe(String statement) {
    ByteBuf out = Wire.begin(ALLOC, 'D');
    out.writeByte('S');
    Wire.writeCString(out, statement);
    return Wire.finish(out);
  }

  private static ByteBuf close(String statement) {
    ByteBuf out = Wire.begin(ALLOC, 'C');
    out.writeByte('S');
    Wire.writeCString(out, statement);
    return Wire.finish(out);
  }
}
