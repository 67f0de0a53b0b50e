/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a session's {@code client_encoding} means for reading its SQL text. In the encodings
 * PostgreSQL calls client-only (SJIS, SHIFT_JIS_2004, BIG5, GBK, UHC, GB18030, JOHAB) the second
 * byte of a character can be {@code 0x5C}, a backslash, or another ASCII byte, so text decoded any
 * other way can end a string where the server does not: tdb refuses them. Every other encoding
 * PostgreSQL knows keeps ASCII bytes for ASCII characters only, so statement boundaries read the
 * same whatever the non-ASCII bytes mean.
 */
public final class ClientEncoding {
  /** Client-only encodings and their aliases, as PostgreSQL's cleaned names. */
  private static final Set<String> NOT_ASCII_SAFE =
      Set.of(
          "sjis",
          "mskanji",
          "shiftjis",
          "win932",
          "windows932",
          "shiftjis2004",
          "big5",
          "win950",
          "windows950",
          "gbk",
          "win936",
          "windows936",
          "uhc",
          "win949",
          "windows949",
          "gb18030",
          "johab");

  /** Server encodings (and aliases) that may also be client encodings; all ASCII-safe. */
  private static final Set<String> ASCII_SAFE =
      Set.of(
          "utf8",
          "unicode",
          "sqlascii",
          "eucjp",
          "euccn",
          "euckr",
          "euctw",
          "eucjis2004",
          "muleinternal",
          "latin1",
          "latin2",
          "latin3",
          "latin4",
          "latin5",
          "latin6",
          "latin7",
          "latin8",
          "latin9",
          "latin10",
          "iso88591",
          "iso88592",
          "iso88593",
          "iso88594",
          "iso88595",
          "iso88596",
          "iso88597",
          "iso88598",
          "iso88599",
          "iso885910",
          "iso885913",
          "iso885914",
          "iso885915",
          "iso885916",
          "win1250",
          "win1251",
          "win1252",
          "win1253",
          "win1254",
          "win1255",
          "win1256",
          "win1257",
          "win1258",
          "windows1250",
          "windows1251",
          "windows1252",
          "windows1253",
          "windows1254",
          "windows1255",
          "windows1256",
          "windows1257",
          "windows1258",
          "win866",
          "windows866",
          "win874",
          "windows874",
          "koi8",
          "koi8r",
          "koi8u",
          "alt",
          "win",
          "abc",
          "tcvn",
          "tcvn5712",
          "vscii");

  private ClientEncoding() {}

  /**
   * Whether text in the encoding {@code name} (any spelling PostgreSQL accepts) can be read safely.
   * Unknown names are not: the server refuses them anyway.
   */
  public static boolean isAsciiSafe(String name) {
    return ASCII_SAFE.contains(clean(name));
  }

  /**
   * Whether {@code name} is one of the client-only encodings that tdb refuses, for naming them in
   * an error.
   */
  public static boolean isClientOnly(String name) {
    return NOT_ASCII_SAFE.contains(clean(name));
  }

  /**
   * The charset to decode a session's SQL text with: UTF-8 for UTF8 and SQL_ASCII, else ISO-8859-1,
   * which maps each byte to one character and so keeps every ASCII character where the server sees
   * it. Only meaningful for an {@link #isAsciiSafe} encoding.
   */
  public static Charset decoding(String name) {
    String cleaned = clean(name);
    return cleaned.equals("utf8") || cleaned.equals("unicode") || cleaned.equals("sqlascii")
        ? StandardCharsets.UTF_8
        : StandardCharsets.ISO_8859_1;
  }

  /** PostgreSQL's {@code clean_encoding_name}: lower case, letters and digits only. */
  private static String clean(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder cleaned = new StringBuilder(name.length());
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        cleaned.append(c);
      }
    }
    return cleaned.toString();
  }
}
