/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks the classifier against PostgreSQL itself: a statement is DDL for tdb exactly when the
 * server fires a {@code ddl_command_start} event trigger for it, and the command tags agree. The
 * capture of workspace DDL into blueprint versions relies on this agreement.
 */
@ExtendWith(PostgresExtension.class)
final class EventTriggerAgreementIT {
  private static final String SETUP =
      """
      create table public.ddl_seen (tag text not null);
      create function public.note_ddl() returns event_trigger language plpgsql as $$
        begin insert into public.ddl_seen values (tg_tag); end $$;
      create event trigger note_ddl on ddl_command_start execute function public.note_ddl();
      """;

  @Test
  void classifiesAsDdlExactlyWhatFiresEventTriggers(TestPostgres postgres)
      throws SQLException, IOException {
    String database = postgres.createDatabase("event_triggers");
    List<String> disagreements = new ArrayList<>();
    try (Connection connection = postgres.connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(SETUP);
      for (String sql : statements()) {
        statement.execute("truncate public.ddl_seen");
        statement.execute(sql);
        List<String> fired = firedTags(statement);
        ClassifiedStatement classified = single(sql);
        disagreements.addAll(compare(sql, classified, fired));
      }
    } finally {
      postgres.dropDatabase(database);
    }
    assertThat(disagreements).isEmpty();
  }

  private static List<String> compare(
      String sql, ClassifiedStatement classified, List<String> fired) {
    List<String> problems = new ArrayList<>();
    String shown = sql.length() > 70 ? sql.substring(0, 70) + "..." : sql;
    boolean serverSaysDdl = !fired.isEmpty();
    StatementKind kind = classified.kind();
    if (serverSaysDdl && kind != StatementKind.DDL && kind != StatementKind.PRIVILEGED) {
      problems.add(shown + ": server fired " + fired + " but tdb says " + kind);
    }
    // PostgreSQL fires no event trigger for DDL run by EXPLAIN ANALYZE; tdb still calls it DDL,
    // which keeps it off tenants, and workspaces refuse it because capture could not see it.
    boolean explainedDdl = classified.commandTag().equals("EXPLAIN");
    if (!serverSaysDdl && kind == StatementKind.DDL && !explainedDdl) {
      problems.add(shown + ": tdb says DDL but the server fired no event trigger");
    }
    if (serverSaysDdl
        && kind == StatementKind.DDL
        && !fired.get(0).equals(effectiveTag(classified))) {
      problems.add(
          shown + ": server tag " + fired.get(0) + ", tdb tag " + effectiveTag(classified));
    }
    return problems;
  }

  /** EXPLAIN ANALYZE runs its inner statement, and the trigger fires with the inner tag. */
  private static String effectiveTag(ClassifiedStatement classified) {
    return classified.inner() != null ? effectiveTag(classified.inner()) : classified.commandTag();
  }

  private static ClassifiedStatement single(String sql) {
    List<ClassifiedStatement> statements = SqlClassifier.classifyUncached(sql).statements();
    assertThat(statements).as("statements in %s", sql).hasSize(1);
    return statements.get(0);
  }

  private static List<String> firedTags(Statement statement) throws SQLException {
    List<String> tags = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("select tag from public.ddl_seen")) {
      while (rs.next()) {
        tags.add(rs.getString(1));
      }
    }
    return tags;
  }

  private static List<String> statements() throws IOException {
    try (InputStream in =
        EventTriggerAgreementIT.class.getResourceAsStream("event-trigger-statements.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String withoutHeader =
          text.lines().filter(line -> !line.startsWith("-- ")).collect(Collectors.joining("\n"));
      return Arrays.stream(withoutHeader.split("\n--;\n?"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
  }
}
