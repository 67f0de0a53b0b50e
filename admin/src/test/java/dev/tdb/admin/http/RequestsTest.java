/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.ClusterCreate;
import dev.tdb.core.api.ImportSpec;
import dev.tdb.core.api.TenantCreate;
import org.junit.jupiter.api.Test;

/** Contract records are read as strictly as the field-by-field reading they replace. */
final class RequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Requests requests = new Requests(JSON);

  private <T> T read(String json, Class<T> type) throws Exception {
    JsonNode body = JSON.readTree(json);
    return requests.read(body, type);
  }

  private void assertRefused(String json, Class<?> type, String code, String message) {
    assertThatThrownBy(() -> read(json, type))
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void readsSnakeCaseFieldsAndIgnoresUnknownOnes() throws Exception {
    ImportSpec spec =
        read(
            "{\"host\":\"db\",\"routing_field\":\"account_id\",\"create_tenants\":false,"
                + "\"tenant_map\":{\"7\":\"acme\"},\"unknown\":1}",
            ImportSpec.class);

    assertThat(spec.host()).isEqualTo("db");
    assertThat(spec.routingField()).isEqualTo("account_id");
    assertThat(spec.createTenants()).isFalse();
    assertThat(spec.tenantMap()).containsEntry("7", "acme");
    assertThat(spec.port()).isNull();
  }

  @Test
  void refusesANumberForAString() {
    assertRefused(
        "{\"blueprint\":\"app\",\"name\":5}",
        TenantCreate.class,
        "invalid_name",
        "name must be a string");
  }

  @Test
  void refusesAStringOrAFractionForAnInteger() {
    assertRefused(
        "{\"port\":\"5432\"}", ClusterCreate.class, "invalid_port", "port must be an integer");
    assertRefused(
        "{\"port\":5432.5}", ClusterCreate.class, "invalid_port", "port must be an integer");
  }

  @Test
  void refusesAnIntegerTooLargeNamingTheField() {
    assertThatThrownBy(() -> read("{\"port\":99999999999}", ClusterCreate.class))
        .isInstanceOfSatisfying(
            AdminException.class, e -> assertThat(e.code()).isEqualTo("invalid_port"));
  }

  @Test
  void refusesANumberForABoolean() {
    assertRefused(
        "{\"create_tenants\":1}",
        ImportSpec.class,
        "invalid_create_tenants",
        "create_tenants must be true or false");
  }

  @Test
  void refusesATenantMapEntryThatIsNotAString() {
    assertRefused(
        "{\"tenant_map\":{\"7\":7}}",
        ImportSpec.class,
        "invalid_tenant_map",
        "tenant_map must be a string");
  }

  @Test
  void refusesAMissingRequiredField() {
    assertThatThrownBy(() -> Requests.required(null, "blueprint"))
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> assertThat(e.getMessage()).isEqualTo("blueprint is required"));
  }
}
