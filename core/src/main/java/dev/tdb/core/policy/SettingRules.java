/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.core.sql.ClientEncoding;
import dev.tdb.core.sql.SettingChange;
import java.util.List;
import java.util.Locale;

/**
 * The rules for setting changes ({@code SET}, {@code RESET}, {@code set_config}, writes to {@code
 * pg_settings}, startup parameters): the settings tdb's lexer depends on, the role, and the
 * ceilings the workspace settings put on tenants.
 */
final class SettingRules {
  private final String workspace;
  private final List<SettingCeiling> ceilings;

  SettingRules(String workspace, WorkspaceSettings settings) {
    this.workspace = workspace;
    this.ceilings =
        List.of(
            new SettingCeiling(
                "statement_timeout",
                SettingCeiling.Unit.MILLISECONDS,
                settings.queryTimeoutMs(),
                Setting.QUERY_TIMEOUT_MS),
            new SettingCeiling(
                "idle_in_transaction_session_timeout",
                SettingCeiling.Unit.MILLISECONDS,
                settings.idleInTransactionTimeoutMs(),
                Setting.IDLE_IN_TRANSACTION_TIMEOUT_MS),
            new SettingCeiling(
                "work_mem",
                SettingCeiling.Unit.KILOBYTES,
                settings.workMemKb(),
                Setting.WORK_MEM_KB),
            SettingCeiling.fixed("temp_file_limit", Setting.TEMP_FILE_LIMIT_KB),
            // Each would lift the memory a session may take past work_mem_kb: hash tables get
            // work_mem times the multiplier, VACUUM and temporary tables have budgets of their own.
            SettingCeiling.fixed("hash_mem_multiplier", Setting.WORK_MEM_KB),
            SettingCeiling.fixed("maintenance_work_mem", Setting.WORK_MEM_KB),
            SettingCeiling.fixed("temp_buffers", Setting.WORK_MEM_KB));
  }

  /**
   * Workspaces and tenants: the settings that decide how the server reads SQL text must stay where
   * tdb's lexer can follow them (SQLSTATE 0A000).
   */
  Decision lexerSettings(SettingChange change) {
    if (change.action() == SettingChange.Action.RESET || change.name() == null) {
      return Decision.ALLOW;
    }
    String value = change.value() == null ? null : change.value().trim();
    if (change.name().equals("standard_conforming_strings") && (value == null || !isTrue(value))) {
      return new Decision.Reject(
          SqlState.FEATURE_NOT_SUPPORTED,
          "standard_conforming_strings cannot be turned off through tdb",
          "use E'...' strings where backslash escapes are wanted");
    }
    if (change.name().equals("client_encoding")
        && (value == null || !ClientEncoding.isAsciiSafe(value))) {
      return new Decision.Reject(
          SqlState.FEATURE_NOT_SUPPORTED,
          value == null
              ? "client_encoding can only be set to a constant through tdb"
              : "client_encoding " + value + " is not supported through tdb",
          "use UTF8 (SET client_encoding = 'UTF8'): in encodings such as SJIS, BIG5 and GBK the"
              + " second byte of a character can be a backslash or a quote, which tdb cannot read"
              + " as the server does");
    }
    return Decision.ALLOW;
  }

  /**
   * Workspaces: a change whose setting tdb cannot name could be any of those {@link #lexerSettings}
   * guards (SQLSTATE 0A000).
   */
  Decision inWorkspace(SettingChange change) {
    if (change.hasConstantName()) {
      return Decision.ALLOW;
    }
    return new Decision.Reject(
        SqlState.FEATURE_NOT_SUPPORTED,
        "changing a setting whose name tdb cannot read is not allowed in a workspace",
        "use SET name = value, or set_config with a constant setting name");
  }

  /** Tenants: constant names, no role change, and the workspace's ceilings (SQLSTATE 42501). */
  Decision onTenant(SettingChange change) {
    if (!change.hasConstantName()) {
      return Policy.tenantReject(
          "set_config with a non-constant setting name is not allowed on tenant databases",
          "name the setting with a string constant");
    }
    if (change.name().equals("role") || change.name().equals("session_authorization")) {
      return Policy.tenantReject(
          "changing the role is not allowed on tenant databases",
          "each tenant connection runs as the tenant's own role");
    }
    for (SettingCeiling ceiling : ceilings) {
      if (ceiling.name().equals(change.name()) && !ceiling.allows(change)) {
        return ceiling.reject(workspace);
      }
    }
    return Decision.ALLOW;
  }

  /** PostgreSQL's spellings of a true boolean setting. */
  private static boolean isTrue(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals("on") || v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("t");
  }
}
