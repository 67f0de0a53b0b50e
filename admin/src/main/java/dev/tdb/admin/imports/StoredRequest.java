/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link ImportRequest} as stored with its import, without the source's password, and read back
 * for a resume.
 */
final class StoredRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredRequest() {}

  /** {@code request} as JSON text, the password left out. */
  static String write(ImportRequest request) {
    ObjectNode node = JSON.createObjectNode();
    node.put("host", request.source().host());
    node.put("port", request.source().port());
    node.put("database", request.source().database());
    node.put("user", request.source().user());
    node.put("routing_field", request.routingField());
    node.put("routing", request.routing().name());
    node.put("parallel", request.parallel());
    node.put("shared", request.shared().name());
    node.put("control_workspace", request.controlWorkspace());
    node.put("null_routing", request.nullRouting().name());
    node.set("tenant_map", JSON.valueToTree(request.tenantMap()));
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("import options do not serialize", e);
    }
  }

  /**
   * The request that imports the data of {@code tenants} again as {@code options} asked, into
   * tenants that may exist; shared tables go to the control workspace only when {@code
   * sharedCopied} says the first run did not copy them.
   */
  static ImportRequest resume(
      String options, String password, List<String> tenants, boolean sharedCopied) {
    JsonNode node;
    try {
      node = JSON.readTree(options);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored import options do not parse", e);
    }
    ImportRequest.Shared shared =
        ImportRequest.Shared.valueOf(node.get("shared").asText().toUpperCase(Locale.ROOT));
    if (shared == ImportRequest.Shared.CONTROL && sharedCopied) {
      shared = ImportRequest.Shared.SKIP;
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.get("tenant_map")
        .fields()
        .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return new ImportRequest(
        new ImportSource(
            node.get("host").asText(),
            node.get("port").asInt(),
            node.get("database").asText(),
            node.get("user").asText(),
            password),
        node.get("routing_field").asText(),
        ImportRequest.Kind.DATA,
        ImportRequest.RoutingColumn.valueOf(node.get("routing").asText()),
        ImportRequest.Tenants.CREATE_OR_EXISTING,
        tenants,
        node.get("parallel").asInt(),
        shared,
        ImportRequest.NullRouting.valueOf(node.get("null_routing").asText()),
        node.get("control_workspace").isNull() ? null : node.get("control_workspace").asText(),
        map);
  }
}
