/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordering objects after what they depend on. */
final class DependencyOrderTest {
  @Test
  void placesWhatAnObjectDependsOnJustBeforeItAndKeepsTheGivenOrderOtherwise() {
    LinkedHashMap<Long, String> views = objects("a_totals", "b_plain", "c_base", "d_other");
    List<DependencyOrder.Edge> edges =
        List.of(new DependencyOrder.Edge(1, 3), new DependencyOrder.Edge(3, 4));
    assertThat(DependencyOrder.sort(views, edges))
        .containsExactly("d_other", "c_base", "a_totals", "b_plain");
  }

  @Test
  void placesDependenciesInTheGivenOrderNotInTheOrderOfTheirIds() {
    // Two databases built from one script give the same objects different OIDs.
    LinkedHashMap<Long, String> objects = new LinkedHashMap<>();
    objects.put(30L, "a_view");
    objects.put(20L, "b_table");
    objects.put(10L, "c_table");
    List<DependencyOrder.Edge> edges =
        List.of(new DependencyOrder.Edge(30, 10), new DependencyOrder.Edge(30, 20));
    assertThat(DependencyOrder.sort(objects, edges))
        .containsExactly("b_table", "c_table", "a_view");
  }

  @Test
  void ignoresEdgesToObjectsItDoesNotOrderAndKeepsEveryObjectOfACycle() {
    LinkedHashMap<Long, String> objects = objects("one", "two", "three");
    List<DependencyOrder.Edge> edges =
        List.of(
            new DependencyOrder.Edge(1, 99),
            new DependencyOrder.Edge(1, 2),
            new DependencyOrder.Edge(2, 1),
            new DependencyOrder.Edge(3, 3));
    assertThat(DependencyOrder.sort(objects, edges)).containsExactly("two", "one", "three");
  }

  private static LinkedHashMap<Long, String> objects(String... names) {
    LinkedHashMap<Long, String> objects = new LinkedHashMap<>();
    for (String name : names) {
      objects.put((long) objects.size() + 1, name);
    }
    return objects;
  }
}
