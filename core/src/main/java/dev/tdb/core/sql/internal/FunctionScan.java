/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql.internal;

import dev.tdb.core.sql.SettingChange;
import dev.tdb.core.sql.StatementFact;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the function calls a policy cares about anywhere in a statement: {@code set_config}, which
 * changes settings like SET does; server administration functions that reach the server's files,
 * processes or other databases; large-object functions that create or change objects outside
 * tables; and advisory locks, which take slots of the cluster's shared lock table.
 */
final class FunctionScan {
  private FunctionScan() {}

  /** Functions that reach beyond the caller's own database session. */
  static final Set<String> RESTRICTED =
      Set.of(
          "pg_read_file",
          "pg_read_binary_file",
          "pg_ls_dir",
          "pg_ls_logdir",
          "pg_ls_waldir",
          "pg_ls_tmpdir",
          "pg_ls_archive_statusdir",
          "pg_ls_logicalmapdir",
          "pg_ls_logicalsnapdir",
          "pg_ls_replslotdir",
          "pg_stat_file",
          "lo_import",
          "lo_export",
          "lo_create",
          "lo_creat",
          "lo_from_bytea",
          "lo_put",
          "lo_unlink",
          "lo_open",
          "lo_write",
          "lowrite",
          "lo_truncate",
          "lo_truncate64",
          "pg_file_write",
          "pg_file_rename",
          "pg_file_unlink",
          "pg_file_sync",
          "pg_logdir_ls",
          "pg_reload_conf",
          "pg_rotate_logfile",
          "pg_promote",
          "pg_switch_wal",
          "pg_create_restore_point",
          "pg_backup_start",
          "pg_backup_stop",
          "pg_terminate_backend",
          "pg_signal_backend",
          "pg_log_backend_memory_contexts",
          "pg_create_physical_replication_slot",
          "pg_create_logical_replication_slot",
          "pg_drop_replication_slot",
          "pg_replication_origin_create",
          "pg_wal_replay_pause",
          "pg_wal_replay_resume",
          "dblink",
          "dblink_exec",
          "dblink_connect",
          "dblink_connect_u",
          "dblink_send_query",
          "dblink_open");

  /** Functions that take an advisory lock; the unlock functions are not among them. */
  static final Set<String> ADVISORY_LOCKS =
      Set.of(
          "pg_advisory_lock",
          "pg_advisory_lock_shared",
          "pg_advisory_xact_lock",
          "pg_advisory_xact_lock_shared",
          "pg_try_advisory_lock",
          "pg_try_advisory_lock_shared",
          "pg_try_advisory_xact_lock",
          "pg_try_advisory_xact_lock_shared");

  /**
   * Functions that run SQL handed to them as text, which tdb never sees as a statement: {@code
   * query_to_xml('select set_config(...)', ...)} would change a setting past the policy. {@code
   * ts_rewrite} runs its text only in the two-argument form.
   */
  static final Set<String> RUNS_SQL_TEXT =
      Set.of(
          "query_to_xml",
          "query_to_xmlschema",
          "query_to_xml_and_xmlschema",
          "ts_stat",
          "ts_rewrite");

  static void scan(StatementAnalyzer a) {
    Tokens tokens = a.tokens;
    for (int i = a.from; i + 1 < a.to; i++) {
      int type = tokens.type(i);
      if (type != Tokens.WORD && type != Tokens.QUOTED_IDENT) {
        continue;
      }
      int open = Literals.identifierEnd(tokens, i);
      if (!tokens.isType(open, Tokens.LPAREN) || open >= a.to) {
        continue;
      }
      int length = tokens.end(i) - tokens.start(i);
      if (type == Tokens.WORD && (length < 5 || length > 40)) {
        continue;
      }
      // A quoted name is case-sensitive: "set_config"(...) is the function, "SET_CONFIG" is not.
      String name = Literals.identifier(tokens, i);
      if (name.equals("set_config")) {
        a.settingChanges.add(setConfig(tokens, open + 1, a.to));
        if (!isLocalSetConfig(tokens, open + 1, a.to)) {
          a.facts.add(StatementFact.SESSION_SETTING);
        }
      } else if (RESTRICTED.contains(name)) {
        a.restrictedFunctions.add(name);
      } else if (RUNS_SQL_TEXT.contains(name)
          && (!name.equals("ts_rewrite") || arguments(tokens, open, a.to) == 2)) {
        a.restrictedFunctions.add(name);
      } else if (ADVISORY_LOCKS.contains(name)) {
        a.facts.add(StatementFact.ADVISORY_LOCK);
        if (!name.contains("_xact_")) {
          a.facts.add(StatementFact.SESSION_ADVISORY_LOCK);
        }
      }
    }
  }

  /** How many arguments the call whose parenthesis opens at {@code open} has. */
  private static int arguments(Tokens tokens, int open, int to) {
    int depth = 0;
    int count = 1;
    for (int i = open + 1; i < to; i++) {
      int type = tokens.type(i);
      if (type == Tokens.LPAREN) {
        depth++;
      } else if (type == Tokens.RPAREN) {
        if (depth-- == 0) {
          return i == open + 1 ? 0 : count;
        }
      } else if (type == Tokens.COMMA && depth == 0) {
        count++;
      }
    }
    return count;
  }

  /** {@code set_config(name, value, is_local)} with its arguments starting at {@code arg}. */
  private static SettingChange setConfig(Tokens tokens, int arg, int to) {
    if (!isConstantArgument(tokens, arg, to)) {
      return SettingChange.computed(null);
    }
    String name = Literals.unquoteString(tokens.text(arg)).toLowerCase(Locale.ROOT);
    int value = arg + 2;
    if (!isConstantArgument(tokens, value, to)) {
      return SettingChange.computed(name);
    }
    return SettingChange.set(name, Literals.unquoteString(tokens.text(value)));
  }

  /**
   * Whether {@code set_config}'s third argument (its arguments start at {@code arg}) is the
   * constant {@code true}: the change then ends with the transaction.
   */
  private static boolean isLocalSetConfig(Tokens tokens, int arg, int to) {
    int depth = 0;
    int commas = 0;
    int third = -1;
    for (int i = arg; i < to && depth >= 0; i++) {
      int type = tokens.type(i);
      if (type == Tokens.LPAREN) {
        depth++;
      } else if (type == Tokens.RPAREN) {
        depth--;
      } else if (type == Tokens.COMMA && depth == 0 && ++commas == 2) {
        third = i + 1;
      }
    }
    if (third < 0 || third + 1 >= to || !tokens.isType(third + 1, Tokens.RPAREN)) {
      return false;
    }
    String value =
        tokens.type(third) == Tokens.STRING
            ? Literals.unquoteString(tokens.text(third))
            : tokens.text(third);
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "t", "on", "yes", "1" -> true;
      default -> false;
    };
  }

  private static boolean isConstantArgument(Tokens tokens, int i, int to) {
    return i + 1 < to && tokens.type(i) == Tokens.STRING && tokens.type(i + 1) == Tokens.COMMA;
  }
}
