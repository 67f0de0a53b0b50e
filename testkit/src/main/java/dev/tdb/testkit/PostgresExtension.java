/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides a real PostgreSQL server to tests that take a {@link TestPostgres} parameter. The server
 * is the one named by {@code TDB_TEST_POSTGRES_URL} when that is set, else a Testcontainers
 * container when a Docker engine answers, else an embedded server. Each server starts once per JVM
 * and stops when the test run ends.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * final class SomethingIT {
 *   @Test
 *   void works(TestPostgres postgres, @Server("second") TestPostgres other) { ... }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {
  /** The name of the server that parameters without {@link Server} get. */
  public static final String PRIMARY = "primary";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestPostgres.class;
  }

  @Override
  public TestPostgres resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String name = parameter.findAnnotation(Server.class).map(Server::value).orElse(PRIMARY);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new ParameterResolutionException(
          "@Server names are lowercase letters, digits and underscores, got '" + name + "'");
    }
    // The root store lives as long as the test run, so each server is started once per JVM
    // and closed (stopped) when the run ends.
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return store
        .getOrComputeIfAbsent(name, ServerProvisioner::provision, ProvisionedServer.class)
        .postgres();
  }
}
