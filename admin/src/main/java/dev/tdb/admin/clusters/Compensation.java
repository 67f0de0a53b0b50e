/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The undo steps of a change made of several statements on clusters. Each step that succeeded
 * registers how to undo it; when a later step (or the metadata commit) fails, {@link #undo()} runs
 * them newest first, so no database or role created half-way is left behind.
 */
public final class Compensation {
  private static final Logger LOG = LoggerFactory.getLogger(Compensation.class);

  private final Deque<Step> steps = new ArrayDeque<>();

  private record Step(String description, Runnable action) {}

  /** Registers how to undo a step that just succeeded. */
  public void add(String description, Runnable undo) {
    steps.push(new Step(description, undo));
  }

  /** Runs every registered undo step, newest first; a failing step is logged and skipped. */
  public void undo() {
    while (!steps.isEmpty()) {
      Step step = steps.pop();
      try {
        step.action().run();
      } catch (RuntimeException e) {
        LOG.warn("could not undo: {} ({})", step.description(), e.getMessage());
      }
    }
  }
}
