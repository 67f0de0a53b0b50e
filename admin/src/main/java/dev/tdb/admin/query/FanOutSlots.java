/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds how many fan-outs run at once in this admin service, in all and per account. Each holds up
 * to its parallelism in tenant connections and worker threads for as long as its slowest tenant
 * takes, so without a bound one caller sending many at once could take every connection a cluster
 * gives to tenants.
 */
final class FanOutSlots {
  private final int perService;
  private final int perAccount;
  private final Map<Long, Integer> running = new HashMap<>();
  private int total;

  FanOutSlots(int perService, int perAccount) {
    this.perService = perService;
    this.perAccount = perAccount;
  }

  /**
   * Takes a slot for {@code accountId}.
   *
   * @throws AdminException rate limited ({@code fan_out_busy}) when the account or the service runs
   *     as many fan-outs as it may
   */
  synchronized QueryService.Slot take(long accountId) {
    int mine = running.getOrDefault(accountId, 0);
    if (mine >= perAccount || total >= perService) {
      throw AdminException.rateLimited(
          AdminError.FAN_OUT_BUSY,
          mine >= perAccount
              ? "this account already runs " + mine + " fan-out queries, the most it may at once"
              : "this admin service already runs " + total + " fan-out queries, the most at once",
          "wait for a running tdb query to finish, then send it again",
          1);
    }
    running.put(accountId, mine + 1);
    total++;
    return () -> give(accountId);
  }

  private synchronized void give(long accountId) {
    running.merge(accountId, -1, Integer::sum);
    running.remove(accountId, 0);
    total--;
  }
}
