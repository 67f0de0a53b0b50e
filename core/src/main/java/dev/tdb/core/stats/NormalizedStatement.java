/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.stats;

import java.util.Objects;

/**
 * A statement with its constants replaced by placeholders, and the fingerprint that names it.
 *
 * @param text the statement as written, each constant replaced by {@code $n}, white space and
 *     comments between tokens reduced to one space; it holds no constant of the original text
 * @param fingerprint a stable 64-bit hash of the statement's tokens (unquoted words in lower case,
 *     constants and parameters as one placeholder), the same for texts that differ only in their
 *     constants, white space, comments, the case of unquoted words or the length of a constant list
 */
public record NormalizedStatement(String text, long fingerprint) {
  /** Checks the text. */
  public NormalizedStatement {
    Objects.requireNonNull(text, "text");
  }

  /** The fingerprint as 16 lower-case hex digits, as the CLI and the docs show it. */
  public String fingerprintHex() {
    return hex(fingerprint);
  }

  /** {@code fingerprint} as 16 lower-case hex digits. */
  public static String hex(long fingerprint) {
    String digits = Long.toHexString(fingerprint);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
