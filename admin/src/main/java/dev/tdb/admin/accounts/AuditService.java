/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AuditEvent;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;

/** Reads the audit log: an admin sees every account's actions, others their own. */
public final class AuditService {
  private final MetadataStore store;
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service over the metadata store. */
  public AuditService(MetadataStore store) {
    this.store = store;
  }

  /**
   * One page of the log, newest first; {@code page.after()} is the id of the last entry seen.
   *
   * @throws AdminException (invalid, field {@code after}) when it is not an entry id
   */
  public Page<AuditEvent> list(Caller caller, PageRequest page) {
    long before = page.after() == null ? Long.MAX_VALUE : parseId(page.after());
    Long accountId = caller.admin() ? null : caller.ownerId();
    return store.inTransaction(c -> audit.list(c, accountId, before, page.limit()));
  }

  private static long parseId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AdminException.invalid(
          "after", "must be an audit entry id (a number), got '" + text + "'");
    }
  }
}
