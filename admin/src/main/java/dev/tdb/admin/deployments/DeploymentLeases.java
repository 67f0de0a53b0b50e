/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.metadata.LeaseRepository;
import dev.tdb.admin.metadata.MetadataStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This admin server's leases on running deployments. Every {@link DeploymentLease#renewInterval()}
 * it renews the leases it holds (a lease it finds gone was taken by a peer after it expired, say
 * while this process stood still: that deployment is marked lost here, and its runner starts no
 * further tenant) and claims every running deployment whose lease expired, handing it to {@code
 * onClaimed} to resume. Only the metadata database coordinates the servers.
 */
final class DeploymentLeases {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentLeases.class);

  private final MetadataStore store;
  private final DeploymentLease settings;
  private final String owner;
  private final LeaseRepository leases = new LeaseRepository();
  private final Set<Long> held = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "tdb-deployment-leases");
            thread.setDaemon(true);
            return thread;
          });

  DeploymentLeases(MetadataStore store, DeploymentLease settings) {
    this.store = store;
    this.settings = settings;
    this.owner = ProcessHandle.current().pid() + "/" + UUID.randomUUID();
  }

  /** Starts renewing and scanning; {@code onClaimed} runs each deployment taken over. */
  void start(LongConsumer onClaimed) {
    long every = settings.renewInterval().toMillis();
    heartbeat.scheduleWithFixedDelay(() -> tick(onClaimed), 0, every, TimeUnit.MILLISECONDS);
  }

  /** Takes deployment {@code id}'s lease when free or expired; true when this server holds it. */
  boolean claim(long id) {
    boolean claimed = store.inTransaction(c -> leases.claim(c, id, owner, settings.ttl()));
    if (claimed) {
      held.add(id);
    }
    return claimed;
  }

  /** Takes the lease of deployment {@code id} in transaction {@code c}; {@link #claim} follows. */
  void lease(Connection c, long id) throws SQLException {
    leases.claim(c, id, owner, settings.ttl());
  }

  /** True while this server's last renewal found deployment {@code id}'s lease still its own. */
  boolean holds(long id) {
    return held.contains(id);
  }

  /**
   * True when this server holds deployment {@code id}'s lease, checked in the caller's transaction
   * and share-locking the deployment until it ends: the caller's writes are fenced against a peer
   * that took the deployment over.
   */
  boolean fence(Connection c, long id) throws SQLException {
    return held.contains(id) && leases.holds(c, id, owner);
  }

  /** Gives deployment {@code id} up (finished, or this server stops). */
  void release(long id) {
    if (!held.remove(id)) {
      return;
    }
    store.inTransaction(
        c -> {
          leases.release(c, id, owner);
          return null;
        });
  }

  private void tick(LongConsumer onClaimed) {
    try {
      List<Long> mine = List.copyOf(held);
      Set<Long> renewed =
          mine.isEmpty()
              ? Set.of()
              : new HashSet<>(
                  store.inTransaction(c -> leases.renew(c, owner, settings.ttl(), mine)));
      for (Long id : mine) {
        if (!renewed.contains(id) && held.remove(id)) {
          LOG.warn("lost the lease of deployment {}: a peer took it over", id);
        }
      }
      List<Long> claimed = store.inTransaction(c -> leases.claimExpired(c, owner, settings.ttl()));
      held.addAll(claimed);
      for (long id : claimed) {
        LOG.info("took over deployment {} (its lease had expired)", id);
        onClaimed.accept(id);
      }
    } catch (RuntimeException e) {
      LOG.warn("deployment lease renewal failed; retrying in {}", settings.renewInterval(), e);
    }
  }

  /** Stops renewing and scanning; with {@code Release.YES}, gives every held lease up. */
  void stop(Release release) {
    heartbeat.shutdownNow();
    if (release == Release.YES) {
      for (long id : List.copyOf(held)) {
        try {
          release(id);
        } catch (RuntimeException e) {
          LOG.warn("could not release the lease of deployment {}; it expires instead", id, e);
        }
      }
    }
    held.clear();
  }

  /** Whether {@link #stop} gives the held leases up or leaves them to expire. */
  enum Release {
    YES,
    NO
  }
}
