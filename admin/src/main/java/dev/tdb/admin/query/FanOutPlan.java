/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.TenantRow;
import java.util.List;

/**
 * A checked fan-out, ready to run: nothing in it has touched a tenant yet.
 *
 * @param sql the statement, allowed by every targeted tenant's policy
 * @param access whether the transactions may write
 * @param parallelism how many tenants are queried at once, after the service's caps
 * @param targets the tenants it runs on, in logical-name order
 * @param skipped the tenants named or selected that it does not run on, and why
 */
public record FanOutPlan(
    String sql,
    FanOutRequest.Access access,
    int parallelism,
    List<Target> targets,
    List<Skipped> skipped) {

  /** Freezes the lists. */
  public FanOutPlan {
    targets = List.copyOf(targets);
    skipped = List.copyOf(skipped);
  }

  /**
   * One tenant to query.
   *
   * @param tenant the tenant, with its sealed runtime role password
   * @param cluster the cluster that hosts it
   * @param workspace the workspace whose settings apply (named in hints)
   * @param timeoutMs its statement timeout: the request's, at most its workspace's {@code
   *     query_timeout_ms}
   * @param maxRows its workspace's {@code max_rows_per_query}; 0 means no limit
   */
  public record Target(
      TenantRow tenant, ClusterRow cluster, String workspace, long timeoutMs, long maxRows) {}

  /**
   * A tenant left out.
   *
   * @param logicalName its logical name
   * @param reason why, such as {@code suspended}
   */
  public record Skipped(String logicalName, String reason) {}
}
