/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders objects so that each comes after the objects it depends on: those are moved up to just
 * before the first object that needs them, and everything else keeps its given order (by name, so
 * the script is the same from one read, and one database, to the next).
 */
final class DependencyOrder {
  /** That object {@code object} depends on object {@code on} (both OIDs). */
  record Edge(long object, long on) {}

  private DependencyOrder() {}

  /**
   * {@code objects} (by OID, in their given order) reordered after what they depend on; edges to
   * objects outside the map are ignored, and objects in a cycle keep their given order.
   */
  static <T> List<T> sort(LinkedHashMap<Long, T> objects, List<Edge> edges) {
    Map<Long, Integer> position = new HashMap<>();
    objects.keySet().forEach(oid -> position.put(oid, position.size()));
    // Dependencies are placed in the objects' given order too, not in the OIDs' order, which
    // differs between two databases built from the same script.
    Map<Long, Set<Long>> dependsOn = new HashMap<>();
    for (Edge edge : edges) {
      if (position.containsKey(edge.object())
          && position.containsKey(edge.on())
          && edge.object() != edge.on()) {
        dependsOn
            .computeIfAbsent(edge.object(), k -> new TreeSet<>(Comparator.comparing(position::get)))
            .add(edge.on());
      }
    }
    List<T> sorted = new ArrayList<>(objects.size());
    Set<Long> placed = new HashSet<>();
    Set<Long> visiting = new HashSet<>();
    for (Long oid : objects.keySet()) {
      place(oid, objects, dependsOn, placed, visiting, sorted);
    }
    return sorted;
  }

  private static <T> void place(
      Long oid,
      Map<Long, T> objects,
      Map<Long, Set<Long>> dependsOn,
      Set<Long> placed,
      Set<Long> visiting,
      List<T> sorted) {
    if (placed.contains(oid) || !visiting.add(oid)) {
      return;
    }
    for (Long on : dependsOn.getOrDefault(oid, Set.of())) {
      place(on, objects, dependsOn, placed, visiting, sorted);
    }
    visiting.remove(oid);
    placed.add(oid);
    sorted.add(objects.get(oid));
  }
}
