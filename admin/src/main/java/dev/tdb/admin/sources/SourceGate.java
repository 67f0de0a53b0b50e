/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.sources;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the admin service connects to a source database for a caller: only for an admin
 * account, only to a host of the operator's {@link SourcePolicy}, and at most at the policy's rate
 * per account. Without it, any account could make the admin host connect anywhere (a request
 * forger), tell closed ports from open ones (a port scanner) and wrong passwords from right ones (a
 * password oracle); {@link #connectFailed} is the one answer every failed connection gets.
 */
public final class SourceGate {
  private static final Logger LOG = LoggerFactory.getLogger(SourceGate.class);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /**
   * Proof that a source passed the gate, and where to connect to it. Only the gate makes one, so a
   * method that takes it cannot be reached around the gate.
   */
  public static final class Admission {
    private final String host;

    private Admission(String host) {
      this.host = host;
    }

    /** The host to connect to: the name as given, or the checked address it resolved to. */
    public String host() {
      return host;
    }
  }

  private final SourcePolicy policy;
  private final HostAllowlist allowlist;
  private final LongSupplier nanoTime;
  private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

  /** A gate keeping {@code policy}, timed by {@code nanoTime} ({@code System::nanoTime}). */
  public SourceGate(SourcePolicy policy, LongSupplier nanoTime) {
    this.policy = policy;
    this.allowlist = HostAllowlist.of(policy.allowedHosts());
    this.nanoTime = nanoTime;
  }

  /**
   * Lets {@code caller} connect to a source on {@code host}, taking one of its account's asks.
   *
   * @throws AdminException forbidden {@code admin_required} for a member account, forbidden {@code
   *     source_host_not_allowed} for a host the policy does not list, rate limited {@code
   *     source_rate_limited} (with the seconds to wait) when the account asked too often
   */
  public Admission admit(Caller caller, String host) {
    caller.requireAdmin("import from a source database (the admin host connects to it)");
    String target =
        allowlist
            .admit(host)
            .orElseThrow(
                () ->
                    new AdminException(
                        AdminError.SOURCE_HOST_NOT_ALLOWED,
                        "the admin service does not connect to source databases on "
                            + host
                            + ": the host is not on its list of import sources",
                        policy.allowedHosts().isEmpty()
                            ? "imports from a database are off: the operator lists the hosts"
                                + " imports may read from in the admin service's configuration"
                                + " (AdminConfig.sourcePolicy; tdb up --import-host)"
                            : "ask the operator to add the host to the admin service's list of"
                                + " import sources (AdminConfig.sourcePolicy; tdb up"
                                + " --import-host)"));
    if (caller.accountId() != null) {
      long waitNanos =
          buckets
              .computeIfAbsent(
                  caller.accountId(),
                  id -> new TokenBucket(policy.burst(), policy.refill().toNanos(), nanoTime))
              .take();
      if (waitNanos > 0) {
        long seconds = (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        throw AdminException.rateLimited(
            AdminError.SOURCE_RATE_LIMITED,
            "this account asked the admin service to connect to source databases more than "
                + policy.burst()
                + " times in a short while",
            "wait " + seconds + " s (Retry-After), then ask again",
            seconds);
      }
    }
    return new Admission(target);
  }

  /**
   * The one answer for a source that could not be reached or refused the login, whatever the reason
   * (closed port, a server that is not PostgreSQL, wrong user, password or database), so that the
   * answer tells a caller nothing about the host; {@code detail} goes to the log only.
   */
  public static AdminException connectFailed(String source, String detail) {
    LOG.warn("connecting to source database {} failed: {}", source, detail);
    return new AdminException(
        AdminError.SOURCE_CONNECT_FAILED,
        "the source database " + source + " could not be reached or refused the login",
        "check the host, port, database, user and password of the source; the admin service's"
            + " log has the server's answer");
  }
}
