/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

/** What kind of logical database a connection reaches, which decides what it may run. */
public enum ConnectionMode {
  /** The application's own backend database: all DDL and DML. */
  CONTROL,
  /** Where a blueprint is designed: committed DDL becomes the next blueprint version. */
  WORKSPACE,
  /** One customer's database, built from the blueprint: DML only. */
  TENANT
}
