/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of docs/architecture.md as ArchUnit rules. A class's module is the package segment
 * after {@code dev.tdb} ({@code dev.tdb.core.sql} is in {@code core}); an {@code internal} package
 * belongs to the package it sits in.
 */
final class ModuleBoundaries {
  private static final String ROOT = "dev.tdb.";
  private static final String INTERNAL = "internal";

  /** The proxy's wire-protocol package: its subpackages are the two directions. */
  static final String PROXY_PROTOCOL = "dev.tdb.proxy.internal.protocol";

  private ModuleBoundaries() {}

  /**
   * No package cycles: each package together with its {@code internal} subpackages is one unit (a
   * facade and its implementation), and no cycle may run between units.
   */
  static ArchRule noPackageCycles() {
    return slices()
        .assignedFrom(
            assignment(
                "packages, each with its internal subpackages",
                pkg -> pkg.startsWith(ROOT) ? owner(pkg) : null))
        .should()
        .beFreeOfCycles();
  }

  /** No cycles between the subpackages of one {@code internal} package. */
  static ArchRule noCyclesInsideInternalPackages() {
    return slices()
        .assignedFrom(
            assignment(
                "the packages inside internal packages",
                pkg -> pkg.startsWith(ROOT) && isInternal(pkg) ? pkg : null))
        .should()
        .beFreeOfCycles();
  }

  /**
   * The direction packages under {@code protocol} ({@code frontend}, {@code backend}) use what
   * {@code protocol} itself shares, never each other: a type byte means one message per direction.
   */
  static ArchRule protocolDirectionsApart(String protocol) {
    return slices().matching(protocol + ".(*)..").should().notDependOnEachOther();
  }

  /** No class uses an {@code internal} package of another module. */
  static ArchRule noUseOfOtherModulesInternals() {
    return classes()
        .should(
            new ArchCondition<JavaClass>("use no internal package of another module") {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                String module = module(item.getPackageName());
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                  String target =
                      dependency.getTargetClass().getBaseComponentType().getPackageName();
                  if (target.startsWith(ROOT)
                      && isInternal(target)
                      && !module(target).equals(module)) {
                    events.add(
                        SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                  }
                }
              }
            });
  }

  /** The module of a package under {@code dev.tdb}: {@code core} for {@code dev.tdb.core.sql}. */
  static String module(String pkg) {
    return segments(pkg).size() > 2 ? segments(pkg).get(2) : "";
  }

  /** The package that owns {@code pkg}: itself, or the package its {@code internal} part is in. */
  static String owner(String pkg) {
    List<String> segments = segments(pkg);
    int internal = segments.indexOf(INTERNAL);
    return internal < 0 ? pkg : String.join(".", segments.subList(0, internal));
  }

  private static boolean isInternal(String pkg) {
    return segments(pkg).contains(INTERNAL);
  }

  private static List<String> segments(String pkg) {
    return Arrays.asList(pkg.split("\\."));
  }

  /** Slices named by {@code identify}; classes it names no slice for (null) are left out. */
  private static SliceAssignment assignment(
      String description, java.util.function.Function<String, String> identify) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String slice = identify.apply(javaClass.getPackageName());
        return slice == null ? SliceIdentifier.ignore() : SliceIdentifier.of(slice);
      }

      @Override
      public String getDescription() {
        return description;
      }
    };
  }
}
