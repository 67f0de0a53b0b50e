/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.schema.SchemaReader;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema reader's round trip on PostgreSQL 17 (the test server) and 15 (the host's binaries): a
 * database with every kind of object it covers is read, the script is applied to an empty database
 * as a schema import applies it, and the copy reads back as the same script and has the same
 * catalog fingerprint.
 */
@ExtendWith(PostgresExtension.class)
final class SchemaRoundTripIT {
  private static final Path POSTGRES_15 = Path.of("/usr/lib/postgresql/15/bin");
  private static final String RICH_SCHEMA = resource("rich-schema.sql");

  @Test
  void aSchemaReadOnTheTestServerAppliesToAnEmptyDatabaseAndReadsBackTheSame(TestPostgres server)
      throws SQLException {
    assertThat(major(server)).isGreaterThanOrEqualTo(17);
    roundTrip(server);
  }

  @Test
  void aSchemaReadOnPostgres15AppliesToAnEmptyDatabaseAndReadsBackTheSame() throws SQLException {
    assertThat(
            Stream.of("initdb", "pg_ctl", "postgres")
                .allMatch(program -> Files.isExecutable(POSTGRES_15.resolve(program))))
        .as(
            "PostgreSQL 15's server programs in "
                + POSTGRES_15
                + " (apt-get install postgresql-15; CI installs them)")
        .isTrue();
    try (EmbeddedPostgres own =
        EmbeddedPostgres.start(
            PostgresOptions.throwaway("tdb_pg15", UUID.randomUUID().toString())
                .withBinaries(POSTGRES_15))) {
      TestPostgres server = TestPostgres.of(own);
      assertThat(major(server)).isEqualTo(15);
      roundTrip(server);
    }
  }

  private static void roundTrip(TestPostgres server) throws SQLException {
    String source = server.createDatabase("rt_source");
    String copy = server.createDatabase("rt_copy");
    String owner = "rt_owner_" + UUID.randomUUID().toString().replace("-", "");
    try {
      try (Connection connection = server.connect(source);
          Statement statement = connection.createStatement()) {
        statement.execute(RICH_SCHEMA);
      }
      String script = read(server, source);
      assertCovers(script);
      assertThat(applyAsOwner(server, copy, owner, script).skipped()).as(script).isEmpty();

      assertThat(read(server, copy)).isEqualTo(script);
      CatalogFingerprint original;
      CatalogFingerprint copied;
      try (Connection connection = server.connect(source)) {
        original = CatalogFingerprint.of(connection);
      }
      try (Connection connection = server.connect(copy)) {
        copied = CatalogFingerprint.of(connection);
      }
      assertThat(original.firstDifference(copied)).isEmpty();
      assertThat(copied.hash()).isEqualTo(original.hash());
    } finally {
      server.dropDatabase(source);
      server.dropDatabase(copy);
      try (Connection connection = server.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP ROLE IF EXISTS " + owner);
      }
    }
  }

  /**
   * Applies {@code script} to {@code database} as a schema import does, and as a role that is no
   * superuser but owns the database, as a workspace's role does.
   */
  private static SchemaScript.Applied applyAsOwner(
      TestPostgres server, String database, String role, String script) throws SQLException {
    String password = UUID.randomUUID().toString();
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
      statement.execute("ALTER DATABASE " + database + " OWNER TO " + role);
    }
    try (Connection connection =
        DriverManager.getConnection(server.jdbcUrl(database), role, password)) {
      return SchemaScript.apply(connection, script);
    }
  }

  private static String read(TestPostgres server, String database) throws SQLException {
    try (Connection connection = server.connect(database)) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try {
        return SchemaReader.read(connection);
      } finally {
        connection.rollback();
      }
    }
  }

  /** Every kind of object is in the script, and nothing an extension made. */
  private static void assertCovers(String script) {
    assertThat(script)
        .contains(
            "CREATE SCHEMA billing;",
            "CREATE SCHEMA \"Odd Schema\";",
            "\"quo\"\"te\" text DEFAULT 'it''s; fine'::text",
            "CREATE INDEX \"Mixed; Index\" ON \"Odd Schema\".\"Mixed Case\"",
            "CREATE VIEW \"Odd Schema\".\"View \"\"Q\"\"\" AS",
            "COMMENT ON COLUMN \"Odd Schema\".\"Mixed Case\".\"quo\"\"te\" IS E'back\\\\slash'",
            "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;",
            "CREATE TYPE public.status AS ENUM ('new', 'paid', 'it''s void');",
            "CREATE DOMAIN public.positive_int AS integer DEFAULT 1 NOT NULL",
            "ALTER DOMAIN public.short_code ADD CONSTRAINT short_code_upper",
            "ALTER DOMAIN public.even_int ADD CONSTRAINT even CHECK (public.is_even(VALUE))",
            "ALTER TABLE public.events_2024 ALTER COLUMN payload SET DEFAULT '{}'::jsonb",
            "ALTER TABLE public.events_2024 ALTER COLUMN account_id SET NOT NULL",
            "ALTER TABLE public.audit_accounts ALTER COLUMN at DROP DEFAULT",
            "CREATE TYPE public.float_range AS RANGE (SUBTYPE = double precision",
            "CREATE SEQUENCE public.invoice_numbers AS integer START WITH 1000 INCREMENT BY 10",
            "CREATE UNLOGGED SEQUENCE public.scratch_numbers",
            "GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.accounts_id_seq START WITH 100",
            "name_upper text GENERATED ALWAYS AS (upper(name)) STORED",
            "name text COLLATE pg_catalog.\"C\" DEFAULT ''::text NOT NULL",
            "PARTITION BY RANGE (at)",
            "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM"
                + " ('2025-01-01') TO ('2026-01-01') PARTITION BY RANGE (at)",
            "CREATE TABLE public.events_other PARTITION OF public.events DEFAULT",
            "INHERITS (public.audit_base)",
            "CREATE UNLOGGED TABLE public.cache",
            "EXCLUDE USING gist (during WITH &&)",
            "DEFERRABLE INITIALLY DEFERRED",
            "CREATE INDEX events_at ON public.events USING btree (at);",
            "INCLUDE (email) WHERE (legacy > 0)",
            "CREATE MATERIALIZED VIEW billing.totals AS",
            "WITH NO DATA",
            "ALTER SEQUENCE public.accounts_legacy_seq OWNED BY public.accounts.legacy",
            "CREATE TRIGGER accounts_touch BEFORE UPDATE ON public.accounts",
            "ALTER TABLE public.cache DISABLE TRIGGER cache_off",
            "CREATE CONSTRAINT TRIGGER invoices_later",
            "ALTER TABLE public.accounts FORCE ROW LEVEL SECURITY",
            "CREATE POLICY not_huge ON public.accounts AS RESTRICTIVE FOR INSERT TO PUBLIC",
            "COMMENT ON COLUMN public.accounts.email IS 'it''s the login';",
            "COMMENT ON CONSTRAINT positive_int_check ON DOMAIN public.positive_int",
            "CREATE PROCEDURE billing.close_invoices(IN cutoff timestamp with time zone)",
            "CREATE FUNCTION public.touch()")
        .doesNotContain(
            "citext_eq",
            "OR REPLACE",
            "tdb_catalog",
            "LANGUAGE internal",
            "events_2024_pkey",
            "events_touch ON public.events_2024");
    assertThat(script.indexOf("CREATE TYPE billing.money_pair"))
        .isLessThan(script.indexOf("CREATE TYPE billing.a_wrapper"));
    assertThat(script.indexOf("CREATE VIEW public.z_open"))
        .isLessThan(script.indexOf("CREATE VIEW public.a_open_counts"));
    assertThat(script.indexOf("CREATE MATERIALIZED VIEW billing.totals"))
        .isLessThan(script.indexOf("CREATE VIEW public.b_totals"));
  }

  private static int major(TestPostgres server) throws SQLException {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String resource(String name) {
    try (InputStream in = SchemaRoundTripIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(name, e);
    }
  }
}
