/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ApiKeyRepository;
import dev.tdb.admin.metadata.ApiKeyRow;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;
import dev.tdb.admin.security.ApiKeys;
import java.util.Map;
import java.util.Optional;

/** API keys of accounts: created (shown once), listed without the key, revoked. */
public final class ApiKeyService {
  private static final int MAX_NAME_LENGTH = 100;

  private final MetadataStore store;
  private final ApiKeyRepository keys = new ApiKeyRepository();
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service over the metadata store. */
  public ApiKeyService(MetadataStore store) {
    this.store = store;
  }

  /** Creates a key for the caller with the scope of the caller itself; see {@link #create}. */
  public CreatedApiKey create(Caller caller, String name) {
    return create(caller, name, caller.scope());
  }

  /**
   * Creates a key for the caller; the key is in the result and nowhere else. A key never gets more
   * than the caller has: only an admin (not through a member-scoped key) makes admin keys.
   *
   * @throws AdminException (invalid, field {@code name}) for an empty or too long name, (invalid,
   *     field {@code scope}) for a credential's scope; (forbidden) for an admin key asked by a
   *     caller that is not an admin
   */
  public CreatedApiKey create(Caller caller, String name, Scope scope) {
    checkName(name);
    long accountId = caller.ownerId();
    if (scope == Scope.CREDENTIAL) {
      throw AdminException.invalid("scope", "must be admin, member, read-only or routing");
    }
    if (scope == Scope.ADMIN && !caller.admin()) {
      throw new AdminException(
          AdminError.SCOPE_EXCEEDS_CALLER,
          "only an admin may create an API key of scope admin",
          "create a key of scope member, read-only or routing");
    }
    String key = ApiKeys.generate();
    ApiKeyRow row =
        store.inTransaction(
            c -> {
              ApiKeyRow created = keys.insert(c, accountId, name, scope.json(), ApiKeys.hash(key));
              audit.record(
                  c,
                  accountId,
                  "apikey.create",
                  created.id(),
                  Map.of("name", name, "scope", scope.json()));
              return created;
            });
    return new CreatedApiKey(row.id(), row.name(), row.scope(), key, row.createdAt());
  }

  /**
   * Keeps {@code kept} when it is one of the caller's keys that works and has {@code scope};
   * otherwise creates a key of {@code scope} (see {@link #create}) and revokes {@code kept} when it
   * is one of the caller's working keys of another scope, such as one made before keys had scopes,
   * which got its account's.
   *
   * @return the new key, or empty when {@code kept} stays
   */
  public Optional<CreatedApiKey> replaceUnlessScoped(
      Caller caller, String kept, String name, Scope scope) {
    long accountId = caller.ownerId();
    String hash = ApiKeys.hash(kept);
    Optional<ApiKeyRow> row = store.inTransaction(c -> keys.findByHash(c, accountId, hash));
    if (row.isPresent() && Scope.ofApiKey(row.get().scope()) == scope) {
      return Optional.empty();
    }
    CreatedApiKey created = create(caller, name, scope);
    if (row.isPresent()) {
      revoke(caller, row.get().id());
    }
    return Optional.of(created);
  }

  /** One page of the caller's keys, without the keys themselves. */
  public Page<ApiKeyRow> list(Caller caller, PageRequest page) {
    long after = page.after() == null ? 0 : parseId(page.after(), "after");
    return store.inTransaction(c -> keys.list(c, caller.ownerId(), after, page.limit()));
  }

  /**
   * Revokes one of the caller's keys.
   *
   * @throws AdminException (not found) when the caller has no key with this id
   */
  public void revoke(Caller caller, String id) {
    long keyId = parseId(id, "id");
    long accountId = caller.ownerId();
    store.inTransaction(
        c -> {
          if (!keys.revoke(c, accountId, keyId)) {
            throw AdminException.notFound("apikey", id, "tdb apikeys list");
          }
          audit.record(c, accountId, "apikey.revoke", id, Map.of());
          return null;
        });
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw AdminException.invalid("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw AdminException.invalid("name", "must not contain control characters");
    }
  }

  private static long parseId(String text, String field) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AdminException.invalid(field, "must be an API key id (a number), got '" + text + "'");
    }
  }
}
