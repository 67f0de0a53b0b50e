/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.core.policy.Policy;
import dev.tdb.it.driver.spring.Invoice;
import dev.tdb.it.driver.spring.InvoiceApp;
import dev.tdb.it.driver.spring.InvoiceRepository;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application whose only tdb setting is {@code spring.datasource.url=jdbc:tdb:…}:
 * Boot's HikariCP pool, JdbcTemplate and Spring Data JPA on one tenant.
 */
@ExtendWith(PostgresExtension.class)
final class SpringBootIT {
  /** Boot would reconfigure Logback for the whole test JVM; the application needs no logging. */
  private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

  private static TdbService tdb;
  private static String tenant;
  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    tenant = tdb.createTenant(tdb.createBlueprint("boot"), "acme", Invoice.TABLE);
    System.setProperty(LOGGING_SYSTEM, "none");
    context =
        new SpringApplicationBuilder(InvoiceApp.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + tdb.url(tenant),
                "spring.datasource.driver-class-name=dev.tdb.driver.TdbDriver",
                "spring.datasource.hikari.maximum-pool-size=3",
                "spring.jpa.hibernate.ddl-auto=none",
                "spring.jpa.open-in-view=false")
            .run();
  }

  @AfterAll
  static void stop() throws SQLException {
    if (context != null) {
      context.close();
    }
    System.clearProperty(LOGGING_SYSTEM);
    tdb.close();
  }

  @Test
  void usesBootsDefaultPoolOnTheTdbUrl() throws SQLException {
    DataSource dataSource = context.getBean(DataSource.class);
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    HikariDataSource hikari = (HikariDataSource) dataSource;
    assertThat(hikari.getJdbcUrl()).startsWith("jdbc:tdb://");
    try (Connection connection = hikari.getConnection()) {
      assertThat(connection.getMetaData().getURL()).doesNotContain("password");
    }
  }

  @Test
  void runsJdbcTemplateStatementsAndRefusesItsDdl() throws SQLException {
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    assertThat(
            jdbc.update(
                "INSERT INTO invoices (customer, cents) VALUES (?, ?)", "jdbc-template", 1250L))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT cents FROM invoices WHERE customer = ?", Long.class, "jdbc-template"))
        .isEqualTo(1250L);

    assertThatThrownBy(() -> jdbc.execute("DROP TABLE invoices"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            PSQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getServerErrorMessage().getMessage())
                  .isEqualTo(Policy.TENANT_DDL_MESSAGE);
            });
    assertThat(countInDatabase("jdbc-template")).isEqualTo(1);
  }

  @Test
  void createsReadsUpdatesAndDeletesThroughASpringDataRepository() throws SQLException {
    InvoiceRepository invoices = context.getBean(InvoiceRepository.class);
    Invoice small = invoices.save(new Invoice("repo", 500));
    Invoice large = invoices.save(new Invoice("repo", 9900));
    assertThat(small.id()).isNotNull();
    assertThat(invoices.findByCustomerOrderByCentsDesc("repo"))
        .extracting(Invoice::cents)
        .containsExactly(9900L, 500L);
    assertThat(countInDatabase("repo")).isEqualTo(2);

    Invoice found = invoices.findById(small.id()).orElseThrow();
    found.reprice(750);
    invoices.save(found);
    assertThat(invoices.findById(small.id())).get().extracting(Invoice::cents).isEqualTo(750L);

    invoices.delete(large);
    invoices.deleteById(small.id());
    assertThat(invoices.findByCustomerOrderByCentsDesc("repo")).isEmpty();
    assertThat(countInDatabase("repo")).isZero();
  }

  private static long countInDatabase(String customer) throws SQLException {
    try (Connection connection = tdb.superuser(tenant);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM invoices WHERE customer = '" + customer + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
