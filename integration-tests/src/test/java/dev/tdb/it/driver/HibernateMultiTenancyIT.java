/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.policy.Policy;
import dev.tdb.driver.TenantRoutingDataSource;
import dev.tdb.driver.hibernate.TdbMultiTenantConnectionProvider;
import dev.tdb.driver.hibernate.TdbTenantIdentifierResolver;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.MultiTenancySettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * Hibernate ORM's DATABASE multi-tenancy through {@link TdbMultiTenantConnectionProvider}: one
 * session factory, one database per tenant, and the schema made by the blueprint's owner, never by
 * Hibernate.
 */
@ExtendWith(PostgresExtension.class)
final class HibernateMultiTenancyIT {
  private static final List<String> TENANTS = List.of("north", "south", "west");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private static TdbService tdb;
  private static String blueprint;

  private TenantRoutingDataSource tenants;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    blueprint = tdb.createBlueprint("orm");
    for (String tenant : TENANTS) {
      tdb.createTenant(blueprint, tenant, Note.TABLE);
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @BeforeEach
  void openTenants() {
    tenants =
        new TenantRoutingDataSource(
            TenantRoutingDataSource.Options.of(
                tdb.adminUrl(), blueprint, tdb.credentials(), CURRENT::get));
  }

  @AfterEach
  void closeTenants() throws SQLException {
    CURRENT.remove();
    tenants.close();
    for (String tenant : TENANTS) {
      try (Connection connection = tdb.superuser(blueprint + "__" + tenant);
          Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM notes");
      }
    }
  }

  @Test
  void keepsEachTenantsEntitiesInItsOwnDatabase() throws SQLException {
    try (SessionFactory factory = sessionFactory(Map.of())) {
      assertThat(factory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect())
          .isInstanceOf(PostgreSQLDialect.class);
      for (String tenant : TENANTS) {
        CURRENT.set(tenant);
        factory.inTransaction(session -> session.persist(new Note("hello from " + tenant)));
      }
      CURRENT.remove();
      for (String tenant : TENANTS) {
        try (Session session =
            factory.withOptions().tenantIdentifier((Object) tenant).openSession()) {
          List<String> bodies =
              session.createSelectionQuery("select n.body from Note n", String.class).list();
          assertThat(bodies).containsExactly("hello from " + tenant);
        }
        assertThat(rowsInDatabase(tenant)).isEqualTo(1);
      }
    }
  }

  @Test
  void readsUpdatesAndDeletesEntitiesOfTheCurrentTenant() {
    try (SessionFactory factory = sessionFactory(Map.of())) {
      CURRENT.set("south");
      Note note = new Note("draft");
      factory.inTransaction(session -> session.persist(note));
      factory.inTransaction(session -> session.find(Note.class, note.id()).edit("final"));
      assertThat(find(factory, note.id())).extracting(Note::body).isEqualTo("final");
      CURRENT.set("north");
      assertThat(find(factory, note.id())).isNull();
      CURRENT.set("south");
      factory.inTransaction(session -> session.remove(session.find(Note.class, note.id())));
      assertThat(find(factory, note.id())).isNull();
    }
  }

  @Test
  void refusesTheDdlOfHibernatesSchemaTools() throws SQLException {
    CURRENT.set("north");
    try (SessionFactory factory = sessionFactory(Map.of())) {
      factory.inTransaction(session -> session.persist(new Note("kept")));
    }
    Map<String, Object> createSchema =
        Map.of(
            SchemaToolingSettings.HBM2DDL_AUTO,
            "create",
            SchemaToolingSettings.HBM2DDL_HALT_ON_ERROR,
            true);
    assertThatThrownBy(() -> sessionFactory(createSchema).close())
        .rootCause()
        .isInstanceOfSatisfying(
            PSQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getServerErrorMessage().getMessage())
                  .isEqualTo(Policy.TENANT_DDL_MESSAGE);
            });
    // Hibernate's drop before create was refused as well: the default tenant's data is intact.
    assertThat(rowsInDatabase("north")).isEqualTo(1);
  }

  private SessionFactory sessionFactory(Map<String, Object> extraSettings) {
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            .applySetting(
                MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
                new TdbMultiTenantConnectionProvider(tenants, "north"))
            .applySetting(
                MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
                new TdbTenantIdentifierResolver(tenants))
            .applySettings(extraSettings)
            .build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(Note.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  private static Note find(SessionFactory factory, Long id) {
    try (Session session = factory.openSession()) {
      return session.find(Note.class, id);
    }
  }

  private static long rowsInDatabase(String tenant) throws SQLException {
    try (Connection connection = tdb.superuser(blueprint + "__" + tenant);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM notes")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
