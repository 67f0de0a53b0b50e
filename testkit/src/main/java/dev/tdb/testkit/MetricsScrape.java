/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scrape of a Prometheus text endpoint ({@code /metrics} of the proxy or the admin service), as
 * Prometheus reads it: series by name and labels, and their values.
 */
public final class MetricsScrape {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private record Series(String name, String labels, double value) {}

  private final List<Series> series;
  private final Set<String> families = new TreeSet<>();
  private final String text;

  private MetricsScrape(String text) {
    this.text = text;
    this.series = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String key = line.substring(0, space);
      int brace = key.indexOf('{');
      String name = brace < 0 ? key : key.substring(0, brace);
      String labels = brace < 0 ? "" : key.substring(brace);
      series.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
  }

  /**
   * Scrapes {@code uri}.
   *
   * @throws AssertionError unless it answers 200
   */
  public static MetricsScrape of(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + uri + " answered " + response.statusCode());
    }
    return new MetricsScrape(response.body());
  }

  /** The status code {@code uri} answers a GET with. */
  public static int status(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /**
   * The sum of the series named {@code name} that carry every label of {@code labels} (name, value,
   * name, value...); 0 when none does.
   */
  public double sum(String name, String... labels) {
    double sum = 0;
    for (Series s : series) {
      if (s.name().equals(name) && matches(s.labels(), labels)) {
        sum += s.value();
      }
    }
    return sum;
  }

  /** Whether some series is named {@code name} and carries every label of {@code labels}. */
  public boolean has(String name, String... labels) {
    return series.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labels));
  }

  private static boolean matches(String seriesLabels, String[] labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!seriesLabels.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
        return false;
      }
    }
    return true;
  }

  /** The name of every series, such as {@code tdb_proxy_statements_total}. */
  public Set<String> seriesNames() {
    Set<String> names = new TreeSet<>();
    series.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The name of every metric family its {@code # TYPE} lines declare. */
  public Set<String> families() {
    return Set.copyOf(families);
  }

  /** The text as scraped. */
  @Override
  public String toString() {
    return text;
  }
}
