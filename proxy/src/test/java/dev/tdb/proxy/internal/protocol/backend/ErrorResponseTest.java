/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import static dev.tdb.proxy.internal.protocol.Buffers.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ErrorResponseTest {
  /** S ERROR, V ERROR, C 42501, M 'no DDL', the closing NUL. */
  private static final String NO_DDL =
      "45 00000022 53 4552524f5200 56 4552524f5200 43 343235303100 4d 6e6f2044444c00 00";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    ErrorResponse error = buffers.decode(NO_DDL, ErrorResponse::decode);
    assertThat(error.fields())
        .containsExactly(
            Map.entry('S', "ERROR"),
            Map.entry('V', "ERROR"),
            Map.entry('C', "42501"),
            Map.entry('M', "no DDL"));
    assertThat(error.sqlState()).isEqualTo("42501");
    assertThat(error.message()).isEqualTo("no DDL");
    assertThat(error.hint()).isNull();
  }

  @Test
  void encodesTheDocumentedBytes() {
    Map<Character, String> fields = new LinkedHashMap<>();
    fields.put('S', "ERROR");
    fields.put('V', "ERROR");
    fields.put('C', "42501");
    fields.put('M', "no DDL");
    assertThat(buffers.hex(new ErrorResponse(fields).encode(buffers.alloc())))
        .isEqualTo(bytes(NO_DDL));
  }

  @Test
  void aRefusalRoundTripsWithSeveritySqlStateMessageAndHint() {
    Decision.Reject reject =
        new Decision.Reject(SqlState.INSUFFICIENT_PRIVILEGE, "no DDL", "use the workspace");
    ErrorResponse error = ErrorResponse.error(reject);
    assertThat(buffers.decode(error.encode(buffers.alloc()), ErrorResponse::decode).fields())
        .containsExactly(
            Map.entry('S', "ERROR"),
            Map.entry('V', "ERROR"),
            Map.entry('C', "42501"),
            Map.entry('M', "no DDL"),
            Map.entry('H', "use the workspace"));
    assertThat(ErrorResponse.fatal(reject).fields()).containsEntry('S', "FATAL");
  }

  @Test
  void refusesAFieldWithoutItsTerminatingNul() {
    assertThatThrownBy(() -> buffers.decode("45 0000000a 53 4552524f52", ErrorResponse::decode))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("string without terminating NUL");
  }
}
