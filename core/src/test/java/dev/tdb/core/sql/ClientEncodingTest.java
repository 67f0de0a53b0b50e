/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which client encodings tdb can read and how. */
final class ClientEncodingTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SJIS",
        "Shift_JIS",
        "mskanji",
        "WIN932",
        "SHIFT_JIS_2004",
        "BIG5",
        "Windows950",
        "GBK",
        "WIN936",
        "UHC",
        "win949",
        "GB18030",
        "JOHAB"
      })
  void refusesTheClientOnlyEncodingsUnderAnySpelling(String name) {
    assertThat(ClientEncoding.isAsciiSafe(name)).isFalse();
    assertThat(ClientEncoding.isClientOnly(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF8", "utf-8", "Unicode", "SQL_ASCII", "LATIN1", "WIN1252", "EUC_JP"})
  void acceptsEncodingsThatKeepAsciiBytesForAscii(String name) {
    assertThat(ClientEncoding.isAsciiSafe(name)).isTrue();
    assertThat(ClientEncoding.isClientOnly(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "klingon", "UTF16"})
  void treatsUnknownNamesAsUnsafe(String name) {
    assertThat(ClientEncoding.isAsciiSafe(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"LATIN1", "EUC_JP", "WIN1251"})
  void decodesSingleByteAndEucTextByteForByte(String name) {
    byte[] text = {(byte) 0xA4, '\'', ';', (byte) 0x8E, '\\'};

    String decoded = new String(text, ClientEncoding.decoding(name));

    assertThat(decoded).hasSize(5).contains("';").endsWith("\\");
    assertThat(ClientEncoding.decoding("UTF8")).isEqualTo(StandardCharsets.UTF_8);
  }
}
