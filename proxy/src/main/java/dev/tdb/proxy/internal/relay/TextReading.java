/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.sql.ClientEncoding;
import dev.tdb.core.sql.StringEscapes;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the server reads a session's SQL text, as it last reported it in ParameterStatus: {@code
 * client_encoding} (the bytes' charset) and {@code standard_conforming_strings} (what a backslash
 * in {@code '...'} means). The proxy lexes Query and Parse text the same way, so that it sees the
 * statements the server will run. Immutable; a report makes a new one.
 *
 * @param clientEncoding the reported {@code client_encoding}
 * @param escapes the reading of the reported {@code standard_conforming_strings}
 */
public record TextReading(String clientEncoding, StringEscapes escapes) {
  /** A new session's reading until the server reports otherwise: UTF8, standard strings. */
  public static final TextReading DEFAULT = new TextReading("UTF8", StringEscapes.STANDARD);

  /** The reading {@link #DEFAULT} becomes after the server reported {@code reported}. */
  public static TextReading of(List<ParameterStatus> reported) {
    TextReading reading = DEFAULT;
    for (ParameterStatus status : reported) {
      reading = reading.follow(status);
    }
    return reading;
  }

  /**
   * Java's charsets for PostgreSQL's client-only encodings (SJIS, SHIFT_JIS_2004, BIG5, GBK, UHC,
   * GB18030, JOHAB), each the superset the server accepts, for reading text as the server would
   * after a switch to one of them.
   */
  static final List<Charset> CLIENT_ONLY_CHARSETS =
      Stream.of(
              "windows-31j",
              "x-SJIS_0213",
              "x-windows-950",
              "GBK",
              "x-windows-949",
              "GB18030",
              "x-Johab")
          .filter(Charset::isSupported)
          .map(Charset::forName)
          .toList();

  private static final String CLIENT_ENCODING = "client_encoding";
  private static final String STANDARD_STRINGS = "standard_conforming_strings";

  /** The reading after the server reported {@code status}; this one when it changes neither. */
  public TextReading follow(ParameterStatus status) {
    if (status.name().equalsIgnoreCase(CLIENT_ENCODING)) {
      return new TextReading(status.value(), escapes);
    }
    if (status.name().equalsIgnoreCase(STANDARD_STRINGS)) {
      return new TextReading(clientEncoding, StringEscapes.ofSetting(status.value()));
    }
    return this;
  }

  /** The charset to decode text with. */
  public Charset charset() {
    return ClientEncoding.decoding(clientEncoding);
  }

  /** The other reading of backslashes, which the server switches to if the setting changes. */
  StringEscapes otherEscapes() {
    return escapes == StringEscapes.STANDARD ? StringEscapes.BACKSLASH : StringEscapes.STANDARD;
  }

  /**
   * Why a session in {@code mode} cannot go on with this reading, or null when it can. An encoding
   * whose multibyte characters may contain ASCII bytes (SJIS and the other client-only encodings)
   * cannot be lexed without knowing its characters, so it ends tenant and workspace sessions; on a
   * tenant, backslash escapes in plain strings end the session too, since the policy refuses every
   * way to turn them on and one was found. Control databases, where everything but privileged
   * statements runs, and workspaces follow {@code standard_conforming_strings} instead.
   */
  public Decision.Reject refusal(ConnectionMode mode) {
    if (mode != ConnectionMode.CONTROL && !ClientEncoding.isAsciiSafe(clientEncoding)) {
      return ProxyErrors.unsupportedClientEncoding(clientEncoding);
    }
    if (mode == ConnectionMode.TENANT && escapes == StringEscapes.BACKSLASH) {
      return ProxyErrors.backslashEscapesOnTenant();
    }
    return null;
  }
}
