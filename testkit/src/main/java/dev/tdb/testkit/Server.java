/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names which server a {@link TestPostgres} parameter is. Parameters without it get the primary
 * server; any other name gets an independent server of its own, started once per JVM, for tests
 * that place tenants on more than one server.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Server {
  /**
   * The server's name; {@value PostgresExtension#PRIMARY} is the one unannotated parameters get.
   */
  String value();
}
