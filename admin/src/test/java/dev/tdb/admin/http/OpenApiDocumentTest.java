/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.settings.Setting;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document made from the operation table and the Java types: valid OpenAPI 3.1, one
 * operation per table entry with the entry's name, summary and security, every reference resolved,
 * and the parts that come from other registries (error codes, settings) complete.
 */
final class OpenApiDocumentTest {
  private static final ObjectMapper JSON = HttpApi.mapper();
  private static final ObjectNode DOCUMENT = OpenApiDocument.build(JSON);

  @Test
  void isValidOpenApi31ForAnIndependentParser() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readContents(JSON.writeValueAsString(DOCUMENT), null, options);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(result.getOpenAPI().getPaths()).hasSize(DOCUMENT.get("paths").size());
  }

  @Test
  void documentsEveryEntryOfTheTableOnceInItsOrder() {
    List<String> documented = new ArrayList<>();
    DOCUMENT
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            Operations.all().stream().map(Operation::endpoint).toList());
  }

  @Test
  void eachOperationCarriesItsEntrysNameSummaryAndSecurity() {
    for (Operation operation : Operations.all()) {
      JsonNode documented = documented(operation);
      assertThat(documented.get("operationId").asText()).isEqualTo(operation.operationId());
      assertThat(documented.get("summary").asText()).isEqualTo(operation.summary());
      boolean open = operation.access().routeClass().isEmpty();
      assertThat(documented.has("security") && documented.get("security").isEmpty())
          .as(operation.endpoint() + " is open in the document")
          .isEqualTo(open);
      if (!open) {
        assertThat(documented.at("/responses/401/$ref").asText())
            .as(operation.endpoint() + " answers 401 without credentials")
            .isEqualTo("#/components/responses/E401");
      }
    }
  }

  @Test
  void operationIdsAreUnique() {
    assertThat(Operations.all()).extracting(Operation::operationId).doesNotHaveDuplicates();
  }

  @Test
  void everyReferenceResolvesAndEveryComponentIsUsed() {
    Set<String> referenced = new TreeSet<>();
    for (String reference : DOCUMENT.findValuesAsText("$ref")) {
      assertThat(DOCUMENT.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
      referenced.add(reference.substring(reference.lastIndexOf('/') + 1));
    }
    assertThat(referenced).containsAll(iterable(DOCUMENT.at("/components/schemas").fieldNames()));
  }

  @Test
  void everyAdminErrorCodeIsNamedByTheAnswerOfItsKind() {
    JsonNode responses = DOCUMENT.at("/components/responses");
    for (AdminError error : AdminError.values()) {
      JsonNode answer = responses.path("E" + error.kind().status());
      if (answer.isMissingNode()) {
        continue;
      }
      assertThat(answer.get("description").asText()).as(error.name()).contains(error.code());
    }
    for (AdminException.Kind kind :
        List.of(
            AdminException.Kind.INVALID,
            AdminException.Kind.UNAUTHENTICATED,
            AdminException.Kind.NOT_FOUND,
            AdminException.Kind.CONFLICT)) {
      assertThat(responses.has("E" + kind.status())).as(kind.name()).isTrue();
    }
  }

  @Test
  void workspaceSettingsCarryTheRegistrysDefaultsAndRanges() {
    JsonNode properties = DOCUMENT.at("/components/schemas/WorkspaceSettings/properties");
    for (Setting setting : Setting.values()) {
      JsonNode property = properties.get(setting.key());
      assertThat(property).as(setting.key()).isNotNull();
      assertThat(property.get("default")).isEqualTo(JSON.valueToTree(setting.defaultValue()));
      assertThat(property.get("description").asText()).isEqualTo(setting.description());
    }
    JsonNode timeout = properties.get(Setting.QUERY_TIMEOUT_MS.key());
    assertThat(timeout.get("maximum").asLong()).isEqualTo(Setting.QUERY_TIMEOUT_MS.max());
    JsonNode patch =
        documented("PATCH", "/v1/workspaces/{name}/settings")
            .at("/requestBody/content/application~1json/schema");
    assertThat(patch.get("minProperties").asInt()).isEqualTo(1);
    assertThat(patch.has("required")).isFalse();
  }

  @Test
  void aRequestRecordRequiresExactlyItsNonNullableFields() {
    JsonNode tenant = DOCUMENT.at("/components/schemas/TenantCreate");
    assertThat(iterable(tenant.get("required").elements()))
        .extracting(JsonNode::asText)
        .containsExactly("blueprint", "name");
    assertThat(tenant.at("/properties/cluster/type").toString()).isEqualTo("[\"string\",\"null\"]");
  }

  @Test
  void anAnswerRequiresWhatTheMapperAlwaysWritesAndMarksWhatMayBeNull() {
    JsonNode tenant = DOCUMENT.at("/components/schemas/Tenant");
    assertThat(iterable(tenant.get("required").elements()))
        .extracting(JsonNode::asText)
        .containsAll(iterable(tenant.get("properties").fieldNames()));
    assertThat(tenant.at("/properties/deleted_at/type").toString())
        .isEqualTo("[\"string\",\"null\"]");
    assertThat(tenant.at("/properties/role_check/anyOf/1/type").asText()).isEqualTo("null");
  }

  @Test
  void anUnwrappedPropertySitsBesideTheOthers() {
    JsonNode registration = DOCUMENT.at("/components/schemas/ClusterRegistration");
    assertThat(registration.at("/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/Cluster");
    assertThat(registration.at("/properties").has("cluster")).isFalse();
    assertThat(registration.at("/properties").has("hardening")).isTrue();
  }

  @Test
  void pagedListsDescribeTheirPageAndConditionalReadsTheirEtag() {
    JsonNode list = documented("GET", "/v1/tenants");
    assertThat(
            list.at("/responses/200/content/application~1json/schema/properties/items/items/$ref")
                .asText())
        .isEqualTo("#/components/schemas/Tenant");
    assertThat(list.findValuesAsText("name")).contains("limit", "after");
    JsonNode routing = documented("GET", "/v1/routing/{logical}");
    assertThat(routing.at("/responses/304/headers").has("ETag")).isTrue();
    assertThat(routing.at("/responses/200/headers").has("ETag")).isTrue();
  }

  private static JsonNode documented(Operation operation) {
    return documented(operation.method().name(), operation.path());
  }

  private static JsonNode documented(String method, String path) {
    JsonNode operation = DOCUMENT.get("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
    return operation;
  }

  private static <T> List<T> iterable(java.util.Iterator<T> items) {
    List<T> list = new ArrayList<>();
    items.forEachRemaining(list::add);
    return list;
  }
}
