/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

/**
 * {@link BackendRelayTest}'s scenarios with all frames of each step in one read, as the relay gets
 * them once it batches: frames to drop or replace sit between frames passed on as they are.
 */
final class BackendRelayOneReadTest extends BackendRelayTest {
  @Override
  boolean oneRead() {
    return true;
  }
}
