/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SettingChange;
import java.util.Locale;

/**
 * Keeps a driver session in {@code client_encoding} UTF8, the only encoding pgjdbc reads and writes
 * (it ends a session whose server reports another). pgjdbc notices a change only when it reads the
 * server's answer, after it has sent everything a batch holds, so a batch entry that changes the
 * encoding would have the entries behind it decoded by the server in the new encoding while tdb
 * judged them as UTF-8: such statements are refused before anything is sent.
 */
final class Utf8Session {
  private static final Decision.Reject LEAVES_UTF8 =
      new Decision.Reject(
          SqlState.FEATURE_NOT_SUPPORTED,
          "client_encoding cannot be changed through jdbc:tdb:",
          "the driver sends and reads SQL as UTF8; convert text in SQL (convert_to, convert_from)"
              + " or in the application");

  private Utf8Session() {}

  /** The refusal of a text that would take the session out of UTF8, else {@code null}. */
  static Decision.Reject decide(Classification classification) {
    for (ClassifiedStatement statement : classification.statements()) {
      for (SettingChange change : statement.settingChanges()) {
        if (leavesUtf8(change)) {
          return LEAVES_UTF8;
        }
      }
    }
    return null;
  }

  private static boolean leavesUtf8(SettingChange change) {
    if (!change.hasConstantName()) {
      return change.action() == SettingChange.Action.SET_COMPUTED; // which setting is not known
    }
    if (!change.name().equalsIgnoreCase("client_encoding")
        || change.action() == SettingChange.Action.RESET) {
      return false; // RESET returns to the UTF8 pgjdbc started the session with
    }
    if (change.action() == SettingChange.Action.SET_COMPUTED) {
      return true;
    }
    String cleaned = change.value().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return !cleaned.equals("utf8") && !cleaned.equals("unicode");
  }
}
