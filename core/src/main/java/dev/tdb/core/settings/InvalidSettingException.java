/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.settings;

/** A settings value that is unknown or out of its range; the message names key and range. */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /** Creates the exception for {@code key}. */
  public InvalidSettingException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The key of the offending setting. */
  public String key() {
    return key;
  }
}
