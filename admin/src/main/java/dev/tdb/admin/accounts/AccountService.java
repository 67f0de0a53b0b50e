/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.accounts;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AccountRepository;
import dev.tdb.admin.metadata.AccountRow;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.ApiKeys;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.core.api.ProxyAccount;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts: creation, and authentication by account credentials or API key. */
public final class AccountService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

  private final MetadataStore store;
  private final AccountRepository accounts = new AccountRepository();
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service over the metadata store. */
  public AccountService(MetadataStore store) {
    this.store = store;
  }

  /** Whether an account is an admin. */
  public enum Role {
    /** May create accounts and manage clusters. */
    ADMIN,
    /** Owns workspaces and tenants. */
    MEMBER
  }

  /**
   * Creates an account; the secret is in the result and nowhere else.
   *
   * @throws AdminException (forbidden) when the caller is not an admin
   */
  public AccountCredentials create(Caller caller, Role role) {
    caller.requireAdmin("create accounts");
    AccountCredentials credentials = AccountCredentials.generate();
    String verifier = ScramVerifier.create(credentials.secret()).text();
    store.inTransaction(
        c -> {
          AccountRow row = accounts.insert(c, credentials.user(), verifier, role == Role.ADMIN);
          audit.record(
              c, caller.accountId(), "account.create", row.user(), Map.of("admin", row.admin()));
          return row;
        });
    LOG.info("created {} account {}", role.name().toLowerCase(Locale.ROOT), credentials.user());
    return credentials;
  }

  /** True when at least one account exists. */
  public boolean any() {
    return store.inTransaction(accounts::any);
  }

  /**
   * The caller acting as account {@code user}, for in-process callers that are trusted.
   *
   * @throws AdminException (not found) when no such account exists
   */
  public Caller actAs(String user) {
    return store
        .inTransaction(c -> accounts.findByUser(c, user))
        .map(AccountService::caller)
        .orElseThrow(
            () ->
                AdminException.notFound(
                    "account",
                    user,
                    "tdb up creates the first account; an admin creates more with POST /v1/accounts"));
  }

  /**
   * The SCRAM verifier of account {@code user}, for the proxy, which runs SCRAM with the account's
   * clients and so never sees their secrets.
   *
   * @throws AdminException (forbidden) when the caller is not an admin; (not found) when no such
   *     account exists
   */
  public ProxyAccount proxyAccount(Caller proxy, String user) {
    proxy.requireAdmin("read account verifiers for the proxy");
    return store
        .inTransaction(c -> accounts.findByUser(c, user))
        .map(row -> new ProxyAccount(row.user(), row.scramVerifier(), List.of(row.scramVerifier())))
        .orElseThrow(
            () -> AdminException.notFound("account", user, "the user is a tdb_ account user"));
  }

  /** The account whose user and secret these are, if they match (HTTP Basic). */
  public Optional<Caller> authenticate(String user, String secret) {
    if (!AccountCredentials.isUser(user)) {
      ScramVerifier.spendVerificationTime(secret);
      return Optional.empty();
    }
    Optional<AccountRow> row = store.inTransaction(c -> accounts.findByUser(c, user));
    if (row.isEmpty()) {
      ScramVerifier.spendVerificationTime(secret);
      return Optional.empty();
    }
    boolean matches = ScramVerifier.parse(row.get().scramVerifier()).matches(secret);
    return matches ? row.map(AccountService::caller) : Optional.empty();
  }

  /** The account holding this unrevoked API key (HTTP Bearer). */
  public Optional<Caller> authenticate(String apiKey) {
    if (!ApiKeys.isKey(apiKey)) {
      return Optional.empty();
    }
    String hash = ApiKeys.hash(apiKey);
    return store
        .inTransaction(c -> accounts.findByApiKeyHash(c, hash))
        .map(
            key ->
                Caller.apiKey(
                    key.account().id(),
                    key.account().user(),
                    key.account().admin(),
                    Scope.ofApiKey(key.scope())));
  }

  private static Caller caller(AccountRow row) {
    return Caller.account(row.id(), row.user(), row.admin());
  }
}
