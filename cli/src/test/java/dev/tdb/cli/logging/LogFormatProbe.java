/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.logging;

import org.slf4j.LoggerFactory;

/** Logs one line through SLF4J and one through System.Logger, for {@link LogFormatTest}. */
final class LogFormatProbe {
  private LogFormatProbe() {}

  public static void main(String[] args) {
    LoggerFactory.getLogger("dev.tdb.admin.Probe").info("tenant {} created", "acme");
    System.getLogger("dev.tdb.core.Probe").log(System.Logger.Level.INFO, "routed");
  }
}
