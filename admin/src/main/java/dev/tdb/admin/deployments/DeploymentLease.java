/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an admin server's hold on a running deployment lasts without a heartbeat, and how often
 * it renews it (and looks for deployments whose owner stopped renewing, to take them over).
 *
 * @param ttl how long a lease lasts after its last renewal; a peer takes the deployment over once
 *     it expired
 * @param renewInterval how often the owner renews its leases and every server scans for expired
 *     ones
 */
public record DeploymentLease(Duration ttl, Duration renewInterval) {
  /** Lease of 15 s renewed every 5 s: a dead owner's deployment moves within about 20 s. */
  public static final DeploymentLease DEFAULT =
      new DeploymentLease(Duration.ofSeconds(15), Duration.ofSeconds(5));

  /**
   * Checks that both are positive and that a lease outlives at least two renewals.
   *
   * @throws IllegalArgumentException naming the invalid value
   */
  public DeploymentLease {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(renewInterval, "renewInterval");
    if (renewInterval.isNegative() || renewInterval.isZero()) {
      throw new IllegalArgumentException(
          "leaseRenewInterval must be positive, got " + renewInterval);
    }
    if (ttl.compareTo(renewInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "leaseTtl must be at least twice leaseRenewInterval ("
              + renewInterval
              + "), got "
              + ttl
              + ": one late renewal would hand a live deployment to a peer");
    }
  }
}
