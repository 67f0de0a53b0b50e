/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.settings.WorkspaceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code classification-corpus.txt}; the file's header explains its format. */
final class ClassificationCorpusTest {
  private static final String CORPUS = "classification-corpus.txt";
  private static final String WORKSPACE = "myapp_workspace";
  private static final Pattern HEADER =
      Pattern.compile("^>>\\s*(.+?)\\s*=>\\s*(allow|reject\\s+([0-9A-Z]{5}))\\s*$");
  private static final Policy TENANT =
      Policy.of(ConnectionMode.TENANT, WORKSPACE, WorkspaceSettings.defaults());
  private static final Policy WORKSPACE_POLICY =
      Policy.of(ConnectionMode.WORKSPACE, WORKSPACE, WorkspaceSettings.defaults());
  private static final Policy CONTROL =
      Policy.of(ConnectionMode.CONTROL, "controlplane_workspace", WorkspaceSettings.defaults());

  /** One case of the corpus. */
  record CorpusCase(int line, List<StatementKind> kinds, String sqlState, String sql) {
    boolean allowed() {
      return sqlState == null;
    }
  }

  static Stream<Arguments> corpus() {
    return parse(readCorpus()).stream().map(c -> Arguments.of(Named.of(displayName(c), c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void classifiesAndDecidesLikeTheCorpusSays(CorpusCase corpusCase) {
    Classification classification = SqlClassifier.classifyUncached(corpusCase.sql());

    assertThat(classification.statements())
        .extracting(ClassifiedStatement::kind)
        .as("statement kinds")
        .containsExactlyElementsOf(corpusCase.kinds());
    Decision decision = TENANT.decide(classification);
    if (corpusCase.allowed()) {
      assertThat(decision).as("tenant decision").isEqualTo(Decision.ALLOW);
    } else {
      assertThat(decision)
          .as("tenant decision")
          .isInstanceOfSatisfying(
              Decision.Reject.class,
              reject -> assertThat(reject.sqlState()).isEqualTo(corpusCase.sqlState()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void controlModeRejectsOnlyPrivilegedStatements(CorpusCase corpusCase) {
    Classification classification = SqlClassifier.classifyUncached(corpusCase.sql());

    Decision decision = CONTROL.decide(classification);

    boolean refusable = classification.statements().stream().anyMatch(this::refusableInControl);
    if (!refusable) {
      assertThat(decision).as("control decision").isEqualTo(Decision.ALLOW);
    } else {
      assertThat(decision)
          .as("control decision")
          .isInstanceOfSatisfying(
              Decision.Reject.class,
              reject ->
                  assertThat(reject.message())
                      .as("refusal %s is of a PRIVILEGED statement", reject)
                      .endsWith(" is not allowed through tdb"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void workspaceModeDecidesLikeControlModeApartFromFeatureNotSupportedRefusals(
      CorpusCase corpusCase) {
    Classification classification = SqlClassifier.classifyUncached(corpusCase.sql());

    for (ClassifiedStatement statement : classification.statements()) {
      Decision workspace = WORKSPACE_POLICY.decide(statement);
      Decision control = CONTROL.decide(statement);
      if (workspace instanceof Decision.Reject reject
          && reject.state() == SqlState.FEATURE_NOT_SUPPORTED) {
        assertThat(control).as("control decision").isEqualTo(Decision.ALLOW);
      } else {
        assertThat(workspace).as("workspace decision").isEqualTo(control);
      }
    }
  }

  @Test
  void corpusHoldsAtLeastFourHundredCases() {
    assertThat(parse(readCorpus())).hasSizeGreaterThanOrEqualTo(400);
  }

  private boolean refusableInControl(ClassifiedStatement statement) {
    for (ClassifiedStatement s = statement; s != null; s = s.inner()) {
      if (s.kind() == StatementKind.PRIVILEGED) {
        return true;
      }
    }
    return false;
  }

  private static String displayName(CorpusCase c) {
    String oneLine = c.sql().replaceAll("\\s+", " ").strip();
    String shown = oneLine.length() > 60 ? oneLine.substring(0, 60) : oneLine;
    return "line " + c.line() + ": " + (shown.isEmpty() ? "(empty)" : shown);
  }

  private static List<String> readCorpus() {
    try (InputStream in = ClassificationCorpusTest.class.getResourceAsStream(CORPUS)) {
      assertThat(in).as(CORPUS + " on the test class path").isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.asList(text.split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<CorpusCase> parse(List<String> lines) {
    List<CorpusCase> cases = new ArrayList<>();
    int headerLine = -1;
    Matcher header = null;
    List<String> sql = new ArrayList<>();
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : null;
      if (line != null && line.startsWith("##")) {
        continue;
      }
      if (line == null || line.startsWith(">>")) {
        if (header != null) {
          cases.add(toCase(headerLine, header, sql));
        }
        if (line == null) {
          break;
        }
        header = HEADER.matcher(line);
        assertThat(header.matches()).as("line %d is a case header: %s", i + 1, line).isTrue();
        headerLine = i + 1;
        sql = new ArrayList<>();
      } else if (header != null) {
        sql.add(line);
      }
    }
    return cases;
  }

  private static CorpusCase toCase(int line, Matcher header, List<String> sqlLines) {
    int end = sqlLines.size();
    while (end > 0 && sqlLines.get(end - 1).isBlank()) {
      end--;
    }
    String sql = String.join("\n", sqlLines.subList(0, end));
    List<StatementKind> kinds = new ArrayList<>();
    for (String kind : header.group(1).split(";")) {
      kinds.add(StatementKind.valueOf(kind.strip()));
    }
    return new CorpusCase(line, List.copyOf(kinds), header.group(3), sql);
  }
}
