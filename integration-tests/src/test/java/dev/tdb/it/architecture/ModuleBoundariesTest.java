/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tdb.it.architecture.fixture.UsesCoreInternals;
import dev.tdb.it.architecture.fixture.cycle.a.First;
import dev.tdb.it.architecture.fixture.cycle.b.Second;
import dev.tdb.it.architecture.fixture.facade.Facade;
import dev.tdb.it.architecture.fixture.facade.internal.Implementation;
import dev.tdb.it.architecture.fixture.protocol.backend.Answer;
import dev.tdb.it.architecture.fixture.protocol.frontend.Request;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of docs/architecture.md hold for the production classes of every
 * module: no package cycle inside a module, no use of another module's {@code internal} package.
 */
final class ModuleBoundariesTest {
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tdb");

  @Test
  void seesTheClassesOfEveryModule() {
    Set<String> modules =
        PRODUCTION.stream()
            .map(JavaClass::getPackageName)
            .map(ModuleBoundaries::module)
            .collect(Collectors.toSet());
    assertThat(modules)
        .contains("core", "pgserver", "driver", "proxy", "admin", "cli", "testkit", "examples");
  }

  @Test
  void noModuleHasAPackageCycle() {
    ModuleBoundaries.noPackageCycles().check(PRODUCTION);
  }

  @Test
  void noInternalPackageHasACycleBetweenItsSubpackages() {
    ModuleBoundaries.noCyclesInsideInternalPackages().check(PRODUCTION);
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackage() {
    ModuleBoundaries.noUseOfOtherModulesInternals().check(PRODUCTION);
  }

  @Test
  void theProxysFrontendAndBackendMessagesDoNotUseEachOther() {
    ModuleBoundaries.protocolDirectionsApart(ModuleBoundaries.PROXY_PROTOCOL).check(PRODUCTION);
  }

  @Test
  void theRulesFindACycleAndAUseOfAnotherModulesInternals() {
    JavaClasses cycle = new ClassFileImporter().importClasses(First.class, Second.class);
    assertThat(ModuleBoundaries.noPackageCycles().evaluate(cycle).hasViolation()).isTrue();

    JavaClasses internals = new ClassFileImporter().importClasses(UsesCoreInternals.class);
    assertThat(ModuleBoundaries.noUseOfOtherModulesInternals().evaluate(internals).hasViolation())
        .isTrue();

    JavaClasses directions = new ClassFileImporter().importClasses(Request.class, Answer.class);
    assertThat(
            ModuleBoundaries.protocolDirectionsApart("dev.tdb.it.architecture.fixture.protocol")
                .evaluate(directions)
                .hasViolation())
        .isTrue();
  }

  @Test
  void aFacadeAndItsOwnInternalPackageAreNoCycle() {
    JavaClasses facade = new ClassFileImporter().importClasses(Facade.class, Implementation.class);
    assertThat(ModuleBoundaries.noPackageCycles().evaluate(facade).hasViolation()).isFalse();
    assertThat(ModuleBoundaries.owner("dev.tdb.proxy.internal.session")).isEqualTo("dev.tdb.proxy");
    assertThat(ModuleBoundaries.module("dev.tdb.core.sql.internal")).isEqualTo("core");
  }
}
