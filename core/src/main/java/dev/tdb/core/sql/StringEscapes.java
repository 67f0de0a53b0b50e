/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

/**
 * How the server reads a backslash in a plain {@code '...'} string: what the session's {@code
 * standard_conforming_strings} says. The server reports the setting in ParameterStatus at startup
 * and on every change, so a proxy or driver always knows which applies; lexing with the wrong one
 * lets a quote the server reads as escaped end a string for tdb, and the two see different
 * statements.
 */
public enum StringEscapes {
  /**
   * {@code standard_conforming_strings = on} (the default): a backslash is an ordinary character.
   */
  STANDARD,
  /** {@code standard_conforming_strings = off}: a backslash escapes the next character. */
  BACKSLASH;

  /**
   * The rules for a reported value of {@code standard_conforming_strings}. Anything but {@code on}
   * reads as {@link #BACKSLASH}: a server that says something else is not assumed to be standard.
   */
  public static StringEscapes ofSetting(String value) {
    return value != null && value.trim().equalsIgnoreCase("on") ? STANDARD : BACKSLASH;
  }
}
