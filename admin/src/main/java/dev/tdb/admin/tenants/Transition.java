/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.Compensation;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.core.routing.RoutingEntry.Status;
import java.util.EnumSet;
import java.util.Set;

/** A tenant state change: the states it starts from, the one it ends in, and the role change. */
public enum Transition {
  /** Active to suspended: connections refused until resumed. */
  SUSPEND("suspend", "suspended", EnumSet.of(Status.ACTIVE), Status.SUSPENDED),
  /** Suspended to active. */
  RESUME("resume", "resumed", EnumSet.of(Status.SUSPENDED), Status.ACTIVE),
  /** Active or suspended to deleted (soft): the data stays until a hard delete. */
  DELETE("delete", "deleted", EnumSet.of(Status.ACTIVE, Status.SUSPENDED), Status.DELETED),
  /** Deleted (soft) to active. */
  RESTORE("restore", "restored", EnumSet.of(Status.DELETED), Status.ACTIVE);

  private final String verb;
  private final String pastTense;
  private final Set<Status> from;
  private final Status target;

  Transition(String verb, String pastTense, Set<Status> from, Status target) {
    this.verb = verb;
    this.pastTense = pastTense;
    this.from = from;
    this.target = target;
  }

  /** The state the tenant ends in. */
  public Status target() {
    return target;
  }

  String action() {
    return "tenant." + verb;
  }

  String pastTense() {
    return pastTense;
  }

  void check(TenantRow tenant) {
    if (!from.contains(tenant.status())) {
      throw new AdminException(
          AdminError.INVALID_STATE,
          "tenant "
              + tenant.logicalName()
              + " is "
              + tenant.status().json()
              + " and cannot be "
              + pastTense,
          hint(tenant.status()));
    }
  }

  /**
   * Changes the role's login and its CONNECT on {@code database} (which the credential logins that
   * are its members inherit); the undo step gives it those of state {@code from} again.
   */
  void apply(ClusterAdmin admin, String role, String database, Status from, Compensation undo) {
    if (target == Status.ACTIVE) {
      admin.enableLogin(role);
      admin.openDatabase(role, database);
    } else {
      admin.disableLogin(role);
      admin.closeDatabase(role, database);
    }
    if (from == Status.ACTIVE) {
      undo.add(
          "enable login of " + role,
          () -> {
            admin.enableLogin(role);
            admin.openDatabase(role, database);
          });
    } else {
      undo.add(
          "disable login of " + role,
          () -> {
            admin.disableLogin(role);
            admin.closeDatabase(role, database);
          });
    }
  }

  private static String hint(Status status) {
    return switch (status) {
      case ACTIVE -> "the tenant is already active";
      case SUSPENDED -> "resume it first: tdb tenants resume";
      case DELETED ->
          "restore it with tdb tenants restore, or drop it with tdb tenants delete --hard";
    };
  }
}
