/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.ConnectionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class NamesTest {

  @Test
  void derivesTheDocumentedNames() {
    assertThat(Names.workspaceBlueprint("controlplane_workspace", ConnectionMode.CONTROL))
        .isEmpty();
    assertThat(Names.workspaceBlueprint("myapp_workspace", ConnectionMode.WORKSPACE))
        .contains("myapp");
    assertThat(Names.tenantLogicalName("myapp", "acme")).isEqualTo("myapp__acme");
    assertThat(Names.runtimeRole("myapp__acme")).isEqualTo("myapp__acme__rt");
    assertThat(Names.ownerRole("myapp")).isEqualTo("myapp__owner");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Control_workspace",
        "_workspace",
        "x_db",
        "1_workspace",
        "a-b_workspace",
        "a\"b_workspace"
      })
  void refusesInvalidControlWorkspaceNames(String name) {
    assertInvalid(() -> Names.workspaceBlueprint(name, ConnectionMode.CONTROL), "name");
  }

  @Test
  void acceptsTheLongestControlWorkspaceName() {
    String name = "a" + "b".repeat(39) + "_workspace";
    assertThat(Names.workspaceBlueprint(name, ConnectionMode.CONTROL)).isEmpty();
    assertInvalid(() -> Names.workspaceBlueprint("a" + name, ConnectionMode.CONTROL), "name");
  }

  @ParameterizedTest
  @CsvSource({
    "myapp,acme,",
    "my__app,acme,blueprint",
    "myapp,ac__me,name",
    "MyApp,acme,blueprint",
    "myapp,Acme,name",
    "myapp,9acme,name",
    "abcdefghijklmnopqrstuvwxyz01234,acme,blueprint",
  })
  void checksTenantNames(String blueprint, String tenant, String invalidField) {
    if (invalidField == null) {
      assertThat(Names.tenantLogicalName(blueprint, tenant)).isEqualTo(blueprint + "__" + tenant);
    } else {
      assertInvalid(() -> Names.tenantLogicalName(blueprint, tenant), invalidField);
    }
  }

  @Test
  void keepsRuntimeRolesWithinPostgresIdentifierLimit() {
    String blueprint = "b".repeat(30);
    assertThat(Names.runtimeRole(Names.tenantLogicalName(blueprint, "t".repeat(27))))
        .hasSize(Names.MAX_IDENTIFIER);
    assertInvalid(() -> Names.tenantLogicalName(blueprint, "t".repeat(28)), "name");
  }

  @ParameterizedTest
  @CsvSource({
    "pg_app,acme,blueprint",
    "pg_,acme,blueprint",
    "app,pg_acme,name",
  })
  void refusesNamesPostgresReservesForRoles(String blueprint, String tenant, String field) {
    assertInvalid(() -> Names.tenantLogicalName(blueprint, tenant), field);
    assertThatThrownBy(() -> Names.tenantLogicalName(blueprint, tenant))
        .hasMessageContaining("must not start with 'pg_'");
  }

  @Test
  void refusesWorkspaceNamesPostgresReservesForRoles() {
    assertInvalid(
        () -> Names.workspaceBlueprint("pg_app_workspace", ConnectionMode.WORKSPACE), "name");
    assertInvalid(
        () -> Names.workspaceBlueprint("pg_ctl_workspace", ConnectionMode.CONTROL), "name");
    assertInvalid(() -> Names.checkBlueprint("pg_app"), "blueprint");
    assertThat(Names.workspaceBlueprint("pgapp_workspace", ConnectionMode.WORKSPACE))
        .contains("pgapp");
  }

  @Test
  void everyDerivedNameOfTheLongestNamesFitsPostgresIdentifiers() {
    String blueprint = "b".repeat(30);
    String control = "c".repeat(40) + "_workspace";
    String workspace = blueprint + "_workspace";
    assertThat(Names.workspaceBlueprint(control, ConnectionMode.CONTROL)).isEmpty();
    assertThat(Names.workspaceBlueprint(workspace, ConnectionMode.WORKSPACE)).contains(blueprint);
    for (String derived :
        new String[] {
          Names.runtimeRole(control),
          Names.runtimeRole(workspace),
          Names.ownerRole(blueprint),
          Names.templateDatabase(blueprint),
          Names.runtimeRole(Names.tenantLogicalName(blueprint, "t".repeat(27)))
        }) {
      assertThat(derived.length()).as(derived).isLessThanOrEqualTo(Names.MAX_IDENTIFIER);
    }
  }

  @Test
  void refusesTenantModeForWorkspaces() {
    assertInvalid(() -> Names.workspaceBlueprint("x_workspace", ConnectionMode.TENANT), "mode");
  }

  private static void assertInvalid(Runnable check, String field) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AdminException.Kind.INVALID);
              assertThat(e.code()).isEqualTo("invalid_" + field);
              assertThat(e.getMessage()).startsWith(field + " ");
            });
  }
}
