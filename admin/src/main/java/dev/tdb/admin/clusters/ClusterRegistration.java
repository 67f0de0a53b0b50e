/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to registering a cluster: the cluster, and what the hardening checked and changed on
 * its server.
 *
 * @param cluster the registered cluster (its fields are the top level of the JSON object)
 * @param hardening per database what was changed, the connection figures, and warnings
 */
public record ClusterRegistration(
    @JsonUnwrapped Cluster cluster, ClusterHardening.Report hardening) {}
