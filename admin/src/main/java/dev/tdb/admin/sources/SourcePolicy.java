/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.sources;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which databases the admin service may connect to on a caller's behalf (imports and schema imports
 * from a database), and how often one account may ask. Immutable.
 *
 * @param allowedHosts host names (matched exactly, case-insensitively, and trusted to resolve where
 *     the operator means), IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}); a
 *     source is allowed when its host is a listed name, or resolves to an address in a listed block
 *     (the connection then goes to that address). Empty: every source is refused, the default.
 * @param burst how many source connections an account may ask for at once
 * @param refill how long an account waits for each further one
 */
public record SourcePolicy(List<String> allowedHosts, int burst, Duration refill) {
  /** Asks an account may make at once by default. */
  public static final int DEFAULT_BURST = 5;

  /** The default wait for each further ask: at most one a minute once the burst is spent. */
  public static final Duration DEFAULT_REFILL = Duration.ofMinutes(1);

  /**
   * Checks and copies every field.
   *
   * @throws IllegalArgumentException naming an entry that is neither a host name, an address nor a
   *     CIDR block, or a burst or refill that is not positive
   */
  public SourcePolicy {
    allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
    Objects.requireNonNull(refill, "refill");
    HostAllowlist.of(allowedHosts);
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    }
    if (refill.isNegative() || refill.isZero()) {
      throw new IllegalArgumentException("refill must be positive, got " + refill);
    }
  }

  /** No source allowed: imports from a database are refused. The default of {@code AdminConfig}. */
  public static SourcePolicy closed() {
    return allowing(List.of());
  }

  /** Sources on {@code hosts}, at the default rate. */
  public static SourcePolicy allowing(List<String> hosts) {
    return new SourcePolicy(hosts, DEFAULT_BURST, DEFAULT_REFILL);
  }

  /** Sources on this host's loopback addresses only, at the default rate ({@code tdb up}). */
  public static SourcePolicy loopback() {
    return allowing(List.of("localhost", "127.0.0.0/8", "::1/128"));
  }

  /** This policy also allowing {@code hosts}. */
  public SourcePolicy plus(List<String> hosts) {
    return new SourcePolicy(
        java.util.stream.Stream.concat(allowedHosts.stream(), hosts.stream()).distinct().toList(),
        burst,
        refill);
  }

  /** This policy with another rate. */
  public SourcePolicy withRate(int burst, Duration refill) {
    return new SourcePolicy(allowedHosts, burst, refill);
  }
}
