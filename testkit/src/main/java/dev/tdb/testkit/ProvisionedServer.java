/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

/**
 * A server the extension started or found, with what stops it at the end of the run.
 *
 * @param postgres how tests reach it
 * @param stopper what stops it; does nothing for an external server
 */
record ProvisionedServer(TestPostgres postgres, AutoCloseable stopper) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    stopper.close();
  }
}
