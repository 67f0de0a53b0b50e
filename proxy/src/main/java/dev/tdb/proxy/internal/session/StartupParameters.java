/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings a client's StartupMessage asks for, as the server gets them: every parameter but the
 * protocol's own ({@code user}, {@code database}, {@code replication}, {@code _pq_.*}), with {@code
 * options} taken apart into its {@code -c name=value} and {@code --name=value} settings. Each is
 * judged as the policy judges {@code SET name = value}, so a setting refused in a session is
 * refused at startup too. Only libpq's client-side connection options, which some clients
 * (postgres.js) send on although no server has such a setting, are left out: PostgreSQL would end
 * the session over them, and tdb's printed URLs carry {@code sslmode} and {@code sslrootcert}.
 */
final class StartupParameters {
  private static final String OPTIONS = "options";

  /** libpq connection options that configure the client, never a server setting. */
  private static final Set<String> CLIENT_SIDE =
      Set.of(
          "sslmode",
          "sslrootcert",
          "sslcert",
          "sslkey",
          "sslpassword",
          "sslcrl",
          "sslcrldir",
          "sslsni",
          "sslcertmode",
          "sslnegotiation",
          "sslcompression",
          "channel_binding",
          "gssencmode",
          "require_auth",
          "connect_timeout",
          "passfile");

  private StartupParameters() {}

  /**
   * What the client's parameters ask the server for, or why not.
   *
   * @param settings setting name (lower case) to value, to send in the server's StartupMessage
   * @param refusal the first setting the policy refuses, or null
   */
  record Judged(Map<String, String> settings, Decision.Reject refusal) {}

  /** Judges the settings in {@code startup} with {@code policy}. */
  static Judged judge(StartupMessage startup, Policy policy) {
    Map<String, String> settings = new LinkedHashMap<>();
    String options = null;
    for (Map.Entry<String, String> parameter : startup.parameters().entrySet()) {
      String name = parameter.getKey().toLowerCase(Locale.ROOT);
      if (name.equals(OPTIONS)) {
        options = parameter.getValue();
      } else if (!isProtocolParameter(name) && !CLIENT_SIDE.contains(name)) {
        settings.put(name, parameter.getValue());
      }
    }
    Map<String, String> all = new LinkedHashMap<>();
    if (options != null) {
      Decision.Reject malformed = parseOptions(options, all);
      if (malformed != null) {
        return new Judged(Map.of(), malformed);
      }
    }
    // The server applies options first and the other parameters after them, which win.
    all.putAll(settings);
    for (Map.Entry<String, String> setting : all.entrySet()) {
      Decision decision = policy.decideSetting(setting.getKey(), setting.getValue());
      if (decision instanceof Decision.Reject refusal) {
        return new Judged(Map.of(), refusal);
      }
    }
    return new Judged(all, null);
  }

  private static boolean isProtocolParameter(String name) {
    return name.equals("user")
        || name.equals("database")
        || name.equals("replication")
        || name.startsWith("_pq_.");
  }

  /**
   * Adds the settings of an {@code options} value to {@code into}: split at white space, a
   * backslash taking the next character as it is (libpq's escaping of spaces), then {@code -c
   * name=value}, {@code -cname=value} or {@code --name=value} (dashes in the name read as
   * underscores), as the server reads them. Returns the refusal of anything else, or null.
   */
  static Decision.Reject parseOptions(String options, Map<String, String> into) {
    List<String> words = words(options);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String setting;
      if (word.startsWith("--")) {
        setting = word.substring(2);
      } else if (word.equals("-c") && i + 1 < words.size()) {
        setting = words.get(++i);
      } else if (word.startsWith("-c") && word.length() > 2) {
        setting = word.substring(2);
      } else {
        return ProxyErrors.unsupportedStartupOption(word);
      }
      int equals = setting.indexOf('=');
      if (equals <= 0) {
        return ProxyErrors.unsupportedStartupOption(word);
      }
      String name = setting.substring(0, equals).replace('-', '_').toLowerCase(Locale.ROOT);
      into.put(name, setting.substring(equals + 1));
    }
    return null;
  }

  private static List<String> words(String options) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\\' && i + 1 < options.length()) {
        c = options.charAt(++i);
      }
      word.append(c);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
