/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/workspaces}.
 *
 * @param name the workspace's name, ending in {@code _workspace} (required)
 * @param mode {@code control} or {@code workspace} (required)
 * @param cluster the cluster to place it on; {@code null} lets the service choose
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceCreate(
    @JsonPropertyDescription(
            "control: `[a-z][a-z0-9_]{0,39}_workspace`; workspace: "
                + "`<blueprint>_workspace`, blueprint `[a-z][a-z0-9_]{0,29}` without "
                + "`__`")
        @JsonProperty("name")
        String name,
    @JsonProperty("mode") String mode,
    @JsonPropertyDescription("default: the cluster with most free capacity")
        @JsonProperty("cluster")
        @Nullable String cluster) {}
