/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.examples;

import dev.tdb.driver.TenantRoutingDataSource;
import dev.tdb.driver.hibernate.TdbMultiTenantConnectionProvider;
import dev.tdb.driver.hibernate.TdbTenantIdentifierResolver;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.MultiTenancySettings;

/**
 * Hibernate ORM with one database per tenant: one session factory for every tenant of the
 * blueprint, each session reaching its tenant's database through the {@code jdbc:tdb:} driver.
 * Saves a note in each tenant given, then lists each tenant's notes.
 *
 * <p>Run with a tenant's URL as {@code tdb up} prints it (first argument or {@code TDB_JDBC_URL}),
 * followed by the tenants to use, e.g. {@code acme globex}. The URL gives the admin service, the
 * blueprint ({@code myapp} of {@code myapp__acme}) and the credentials; its tenant answers
 * Hibernate's requests that belong to no tenant.
 */
public final class HibernateExample {
  /** The tenant of the current unit of work, as a web application would set it per request. */
  private static final ThreadLocal<String> CURRENT_TENANT = new ThreadLocal<>();

  private HibernateExample() {}

  /** Runs the example: {@code [URL] TENANT...}. */
  public static void main(String[] args) {
    List<String> arguments = Arrays.asList(args);
    String url = System.getenv("TDB_JDBC_URL");
    if (!arguments.isEmpty() && arguments.get(0).startsWith("jdbc:")) {
      url = arguments.get(0);
      arguments = arguments.subList(1, arguments.size());
    }
    if (url == null || arguments.isEmpty()) {
      System.err.println(
          "usage: HibernateExample jdbc:tdb://HOST:PORT/BLUEPRINT__TENANT?user=…&password=…"
              + " TENANT...");
      System.err.println("       (or the URL in TDB_JDBC_URL)");
      System.exit(2);
    }
    TenantUrl tenantUrl = TenantUrl.parse(url);

    try (TenantRoutingDataSource tenants =
            new TenantRoutingDataSource(
                TenantRoutingDataSource.Options.of(
                    tenantUrl.adminUrl(),
                    tenantUrl.blueprint(),
                    tenantUrl.properties(),
                    CURRENT_TENANT::get));
        SessionFactory factory = sessionFactory(tenants, tenantUrl.tenant())) {

      for (String tenant : arguments) {
        CURRENT_TENANT.set(tenant);
        Note note = new Note("hello from " + tenant);
        factory.inTransaction(session -> session.persist(note));
        System.out.println("saved in " + tenant + ": note " + note.id());
      }

      for (String tenant : arguments) {
        CURRENT_TENANT.set(tenant);
        List<Note> notes =
            factory.fromSession(
                session ->
                    session.createSelectionQuery("from Note order by id", Note.class).list());
        System.out.println("notes of " + tenant + ":");
        for (Note note : notes) {
          System.out.println("  " + note.id() + "  " + note.body());
        }
      }
      CURRENT_TENANT.remove();
    }
  }

  private static SessionFactory sessionFactory(
      TenantRoutingDataSource tenants, String defaultTenant) {
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            .applySetting(
                MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
                new TdbMultiTenantConnectionProvider(tenants, defaultTenant))
            .applySetting(
                MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
                new TdbTenantIdentifierResolver(tenants))
            .build();
    return new MetadataSources(registry)
        .addAnnotatedClass(Note.class)
        .buildMetadata()
        .buildSessionFactory();
  }

  /**
   * A tenant URL {@code jdbc:tdb://HOST:PORT/BLUEPRINT__TENANT?user=…&password=…} taken apart into
   * what {@link TenantRoutingDataSource} is configured with.
   */
  private record TenantUrl(
      String adminUrl, String blueprint, String tenant, Properties properties) {

    static TenantUrl parse(String url) {
      URI uri = URI.create(url.substring("jdbc:".length()));
      String logicalName = uri.getPath().substring(1);
      int separator = logicalName.indexOf("__");
      if (!"tdb".equals(uri.getScheme()) || separator < 0) {
        throw new IllegalArgumentException(
            "not the jdbc:tdb: URL of a tenant (BLUEPRINT__TENANT): " + logicalName);
      }
      Properties properties = new Properties();
      if (uri.getRawQuery() != null) {
        for (String parameter : uri.getRawQuery().split("&")) {
          String[] nameAndValue = parameter.split("=", 2);
          properties.setProperty(
              decode(nameAndValue[0]), nameAndValue.length == 2 ? decode(nameAndValue[1]) : "");
        }
      }
      return new TenantUrl(
          "jdbc:tdb://" + uri.getRawAuthority(),
          logicalName.substring(0, separator),
          logicalName.substring(separator + 2),
          properties);
    }

    private static String decode(String text) {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
  }
}
