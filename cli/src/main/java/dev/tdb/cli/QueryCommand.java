/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.api.FanOutQuery;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tdb query}: one statement on many tenants, answered as one result with a tenant column.
 */
@Command(
    name = "query",
    description = {
      "Run one SQL statement on many tenants and print one result with a tenant column first.",
      "Each tenant runs it as its own runtime role, through the same checks as a tenant"
          + " connection (no DDL), in a READ ONLY transaction unless --write is given, with a"
          + " statement timeout, at most --parallelism tenants at once.",
      "The table is printed once every tenant answered (it is held in memory); --csv and --json"
          + " print rows as they arrive."
    },
    footerHeading = TdbCli.EXAMPLES,
    footer = {
      "  tdb query --tenant myapp__acme \"SELECT count(*) FROM accounts\"",
      "  tdb query --all --blueprint myapp --csv \"SELECT id FROM users\"",
      "  tdb query --tenants acme,globex --blueprint myapp --write --yes \\",
      "      \"UPDATE plans SET seats = 10\"",
      "",
      "Output: a table (default); --csv: CSV with a header line; --json: the service's NDJSON"
          + " lines as they arrive (columns, row, result per tenant, summary last). With --csv and"
          + " --json the summary of failed tenants goes to stderr.",
      "Exit codes: 0 every tenant succeeded; 1 a tenant failed or timed out (or a tenant named"
          + " with --tenant/--tenants was skipped), or the service refused the request; 2 the"
          + " command line is wrong; 3 the service is unreachable or the answer broke off."
    })
final class QueryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COMMAND_LINE_WRONG = 2;

  @ParentCommand TdbCli root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SQL", description = "one statement")
  String sql;

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "a tenant's logical name, e.g. myapp__acme (repeatable)")
  List<String> tenant = new ArrayList<>();

  @Option(
      names = "--tenants",
      split = ",",
      paramLabel = "TENANT",
      description = "tenants, comma-separated; with --blueprint, short names (acme) do")
  List<String> tenants = new ArrayList<>();

  @Option(names = "--all", description = "every tenant of --blueprint")
  boolean all;

  @Option(names = "--blueprint", paramLabel = "BLUEPRINT", description = "the blueprint")
  String blueprint;

  @Option(
      names = "--write",
      description = "run in a READ WRITE transaction, committed per tenant (asks to confirm)")
  boolean write;

  @Option(names = "--yes", description = "confirm --write without asking")
  boolean yes;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "30000",
      description =
          "statement timeout per tenant in ms (at most the workspace's query_timeout_ms;"
              + " default: ${DEFAULT-VALUE})")
  int timeoutMs;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "8",
      description = "tenants queried at once, 1 to 32 (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--csv", description = "print CSV, rows as they arrive")
  boolean csv;

  @Override
  public Integer call() throws ApiException {
    PrintWriter err = spec.commandLine().getErr();
    List<String> named = named();
    String problem = commandLineProblem(named);
    if (problem != null) {
      err.println("error: " + problem);
      err.println("hint: see tdb query --help");
      err.flush();
      return COMMAND_LINE_WRONG;
    }
    if (write && !yes && !confirmed(err, named)) {
      return ApiException.REFUSED;
    }
    FanOutQuery body =
        new FanOutQuery(
            sql, all ? null : named, all ? blueprint : null, all, write, timeoutMs, parallelism);
    try (InputStream in = root.connection.client().postStreaming("v1/query", body)) {
      return print(in, !all);
    } catch (IOException e) {
      throw new ApiException(
          ApiException.UNAVAILABLE,
          "answer_broken",
          "the answer of the admin service broke off: " + e.getMessage(),
          "run the query again; tenants that were written to with --write committed already");
    }
  }

  /** The tenants named, short names qualified with --blueprint. */
  private List<String> named() {
    List<String> named = new ArrayList<>(tenant);
    for (String name : tenants) {
      named.add(blueprint != null && !name.contains("__") ? blueprint + "__" + name : name);
    }
    return named;
  }

  private String commandLineProblem(List<String> named) {
    if (all == !named.isEmpty()) {
      return "give --tenant, --tenants or --all --blueprint (one of them)";
    }
    if (all && blueprint == null) {
      return "--all needs --blueprint";
    }
    if (csv && root.connection.json) {
      return "--csv and --json are alternatives";
    }
    if (write && !yes && System.console() == null) {
      return "--write needs --yes when stdin is not a terminal (nobody can confirm)";
    }
    return null;
  }

  private boolean confirmed(PrintWriter err, List<String> named) {
    Console console = System.console();
    String where = all ? "every tenant of " + blueprint : String.join(", ", named);
    String answer = console.readLine("Run with write access (committed) on %s? [y/N] ", where);
    if (answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    err.println("not confirmed; nothing was run");
    err.flush();
    return false;
  }

  /** Prints the answer as it arrives; the exit code says whether every tenant succeeded. */
  private int print(InputStream in, boolean namedTenants) throws IOException, ApiException {
    PrintWriter out = spec.commandLine().getOut();
    Printer printer =
        root.connection.json
            ? new NdjsonPrinter(out)
            : csv ? new CsvPrinter(out) : new TablePrinter(out);
    Outcomes outcomes = new Outcomes();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      printer.accept(node, line);
      outcomes.accept(node);
    }
    printer.finish();
    if (outcomes.summary == null) {
      throw new ApiException(
          ApiException.UNAVAILABLE,
          "answer_broken",
          "the answer of the admin service ended before its summary",
          "see the admin service's log, then run the query again");
    }
    boolean table = !root.connection.json && !csv;
    outcomes.report(table ? out : spec.commandLine().getErr());
    return outcomes.allSucceeded(namedTenants) ? 0 : ApiException.REFUSED;
  }

  /** One way to print the answer's lines. */
  private interface Printer {
    void accept(JsonNode node, String line);

    void finish();
  }

  /** {@code --json}: the lines as the service sent them. */
  private static final class NdjsonPrinter implements Printer {
    private final PrintWriter out;

    NdjsonPrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void accept(JsonNode node, String line) {
      out.println(line);
      out.flush();
    }

    @Override
    public void finish() {
      out.flush();
    }
  }

  /** {@code --csv}: a header from the first tenant's columns, then each row as it arrives. */
  private static final class CsvPrinter implements Printer {
    private final PrintWriter out;
    private boolean headed;

    CsvPrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void accept(JsonNode node, String line) {
      String type = node.path("type").asText();
      if (type.equals("columns") && !headed) {
        headed = true;
        out.println(csvLine(header(node)));
      } else if (type.equals("row")) {
        out.println(csvLine(cells(node)));
        out.flush();
      }
    }

    @Override
    public void finish() {
      out.flush();
    }

    private static String csvLine(List<String> cells) {
      List<String> quoted = new ArrayList<>();
      for (String cell : cells) {
        boolean plain = cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        quoted.add(plain ? cell : "\"" + cell.replace("\"", "\"\"") + "\"");
      }
      return String.join(",", quoted);
    }
  }

  /**
   * The default: one table, printed when every tenant answered, of the rows of the tenants that
   * succeeded (a tenant that failed after some rows, such as past max_rows_per_query, shows in the
   * summary only).
   */
  private static final class TablePrinter implements Printer {
    private final PrintWriter out;
    private final Map<String, List<List<String>>> pending = new LinkedHashMap<>();
    private final List<List<String>> rows = new ArrayList<>();
    private List<String> header;

    TablePrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void accept(JsonNode node, String line) {
      String tenant = node.path("tenant").asText();
      switch (node.path("type").asText()) {
        case "columns" -> {
          if (header == null) {
            header = header(node);
          }
        }
        case "row" -> pending.computeIfAbsent(tenant, t -> new ArrayList<>()).add(cells(node));
        case "result" -> {
          List<List<String>> done = pending.remove(tenant);
          if (done != null && node.path("status").asText().equals("ok")) {
            rows.addAll(done);
          }
        }
        default -> {}
      }
    }

    @Override
    public void finish() {
      if (header == null) {
        out.flush();
        return;
      }
      int[] widths = new int[header.size()];
      List<List<String>> all = new ArrayList<>();
      all.add(header);
      all.addAll(rows);
      for (List<String> row : all) {
        for (int i = 0; i < row.size() && i < widths.length; i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      for (List<String> row : all) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
          int width = i < widths.length ? widths[i] : 0;
          text.append(String.format("%-" + (width + 2) + "s", row.get(i)));
        }
        out.println(text.toString().stripTrailing());
      }
      out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
      out.flush();
    }
  }

  /** The header of a {@code columns} line: {@code tenant}, then the column names. */
  private static List<String> header(JsonNode columns) {
    List<String> header = new ArrayList<>(List.of("tenant"));
    columns.path("columns").forEach(column -> header.add(column.path("name").asText()));
    return header;
  }

  /** The cells of a {@code row} line: its tenant, then each value as text (NULL empty). */
  private static List<String> cells(JsonNode row) {
    List<String> cells = new ArrayList<>(List.of(row.path("tenant").asText()));
    row.path("row").forEach(value -> cells.add(value.isNull() ? "" : value.asText()));
    return cells;
  }

  /** Every tenant's outcome and the summary, for the closing report and the exit code. */
  private static final class Outcomes {
    private final List<JsonNode> unsuccessful = new ArrayList<>();
    private JsonNode summary;

    void accept(JsonNode node) {
      String type = node.path("type").asText();
      if (type.equals("result") && !node.path("status").asText().equals("ok")) {
        unsuccessful.add(node);
      } else if (type.equals("summary")) {
        summary = node;
      }
    }

    boolean allSucceeded(boolean namedTenants) {
      long failing = summary.path("failed").asLong() + summary.path("timed_out").asLong();
      return failing == 0 && (!namedTenants || summary.path("skipped").asLong() == 0);
    }

    void report(PrintWriter to) {
      to.printf(
          "%d %s: %d ok, %d failed, %d timed out, %d skipped (%d ms, parallelism %d)%n",
          summary.path("tenants").asLong(),
          summary.path("tenants").asLong() == 1 ? "tenant" : "tenants",
          summary.path("ok").asLong(),
          summary.path("failed").asLong(),
          summary.path("timed_out").asLong(),
          summary.path("skipped").asLong(),
          summary.path("ms").asLong(),
          summary.path("parallelism").asLong());
      for (JsonNode outcome : unsuccessful) {
        to.println("  " + outcome.path("tenant").asText() + "  " + describe(outcome));
      }
      to.flush();
    }

    private static String describe(JsonNode outcome) {
      String status = outcome.path("status").asText();
      if (status.equals("skipped")) {
        return "skipped: " + outcome.path("reason").asText();
      }
      String text =
          status
              + " "
              + outcome.path("sql_state").asText()
              + ": "
              + outcome.path("message").asText();
      return outcome.hasNonNull("hint")
          ? text + " (hint: " + outcome.get("hint").asText() + ")"
          : text;
    }
  }
}
