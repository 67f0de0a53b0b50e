/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.credentials;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AccountRepository;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.CredentialLoginRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository.ValidSecret;
import dev.tdb.admin.metadata.CredentialRepository;
import dev.tdb.admin.metadata.CredentialRow;
import dev.tdb.admin.metadata.Epochs;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.core.api.ProxyAccount;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data-plane credentials: issued by an account for the tenants of one of its blueprints, listed
 * without secrets, rotated with an overlap, revoked; and checked for the driver (HTTP Basic) and
 * the proxy (SCRAM verifiers).
 */
public final class CredentialService {
  /** How long the previous secret keeps working after a rotation, unless the request says. */
  public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  /** The longest overlap a rotation may ask for. */
  public static final Duration MAX_OVERLAP = Duration.ofDays(30);

  private static final int MAX_NAME_LENGTH = 100;

  private final MetadataStore store;
  private final CredentialRepository credentials = new CredentialRepository();
  private final CredentialLoginRepository logins = new CredentialLoginRepository();
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final AuditRepository audit = new AuditRepository();
  private final Epochs epochs = new Epochs();
  private final AccountRepository accounts = new AccountRepository();

  private final LoginRoles loginRoles;

  /** Creates the service over the metadata store and the clusters its logins live on. */
  public CredentialService(MetadataStore store, ClusterPools pools) {
    this.store = store;
    this.loginRoles = new LoginRoles(store, pools);
  }

  /**
   * Issues a credential for the caller's blueprint; the secret is in the result and nowhere else.
   *
   * @throws AdminException (invalid) for a bad name or tenant name; (not found) when the caller
   *     owns no such blueprint or it has no such tenant
   */
  public IssuedSecret create(Caller caller, CredentialRequest request) {
    long owner = caller.ownerId();
    Names.checkBlueprint(request.blueprint());
    String name = request.name() == null ? request.blueprint() : request.name();
    checkName(name);
    List<String> logicalNames =
        request.tenants().stream()
            .map(tenant -> Names.tenantLogicalName(request.blueprint(), tenant))
            .toList();
    String secret = DataCredentials.newSecret();
    String verifier = ScramVerifier.create(secret).text();
    Credential created =
        store.inTransaction(
            c -> {
              BlueprintRow blueprint =
                  blueprints
                      .find(c, request.blueprint())
                      .filter(row -> row.ownerId() == owner)
                      .orElseThrow(
                          () ->
                              AdminException.notFound(
                                  "blueprint", request.blueprint(), "tdb blueprints list"));
              CredentialRow row =
                  credentials.insert(
                      c,
                      new CredentialRow(
                          0,
                          owner,
                          blueprint.id(),
                          blueprint.name(),
                          DataCredentials.newUser(),
                          name,
                          request.readOnly(),
                          logicalNames.isEmpty(),
                          null,
                          null));
              for (String logical : logicalNames) {
                credentials.addTenant(c, row.id(), tenantOf(c, blueprint, logical).id());
              }
              credentials.addSecret(c, row.id(), verifier);
              audit.record(
                  c,
                  owner,
                  "credential.create",
                  row.user(),
                  Map.of("blueprint", blueprint.name(), "read_only", request.readOnly()));
              return view(c, row);
            });
    return new IssuedSecret(created, secret);
  }

  /** One page of the caller's credentials that are not revoked, without secrets. */
  public Page<Credential> list(Caller caller, PageRequest page) {
    long owner = caller.ownerId();
    long after = page.after() == null ? 0 : parseId(page.after(), "after");
    return store.inTransaction(
        c -> {
          Page<CredentialRow> rows = credentials.list(c, owner, after, page.limit());
          List<Credential> views = new java.util.ArrayList<>();
          for (CredentialRow row : rows.items()) {
            views.add(view(c, row));
          }
          return new Page<>(views, rows.nextAfter());
        });
  }

  /**
   * Gives a credential a new secret; the secrets it had keep working for {@code overlap} (or less,
   * when they were to expire sooner).
   *
   * @throws AdminException (invalid, field {@code overlap}) out of 0 to {@link #MAX_OVERLAP}; (not
   *     found) when the caller has no such credential
   */
  public IssuedSecret rotate(Caller caller, String id, Duration overlap) {
    long owner = caller.ownerId();
    long credentialId = parseId(id, "id");
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw AdminException.invalid(
          "overlap", "must be between 0s and " + MAX_OVERLAP.toHours() + "h");
    }
    String secret = DataCredentials.newSecret();
    Credential rotated =
        store.inTransaction(
            c -> {
              CredentialRow row = active(c, owner, credentialId, id);
              List<String> valid = credentials.validVerifiers(c, credentialId);
              // The same salt as the secret still in use, so the proxy can offer one SCRAM
              // challenge that both the old and the new secret answer during the overlap.
              ScramVerifier verifier =
                  valid.isEmpty()
                      ? ScramVerifier.create(secret)
                      : ScramVerifier.createLike(secret, ScramVerifier.parse(valid.get(0)));
              credentials.expireSecrets(c, credentialId, overlap);
              credentials.addSecret(c, credentialId, verifier.text());
              loginRoles.expire(c, credentialId, row.user());
              // The entries of the new secret carry another login: a new epoch, so that cached
              // entries (the proxy's among them) are fetched again rather than revalidated (304).
              long epoch = epochs.next(c);
              tenants.touchBlueprint(c, row.blueprintId(), epoch);
              accounts.touchRouting(c, owner, epoch);
              audit.record(
                  c,
                  owner,
                  "credential.rotate",
                  row.user(),
                  Map.of("overlap_seconds", overlap.toSeconds()));
              return view(c, row);
            });
    return new IssuedSecret(rotated, secret);
  }

  /**
   * Ends the PostgreSQL logins of secrets whose overlap is over (their sessions too), and of
   * revoked credentials left on a cluster that was unreachable then; run periodically.
   *
   * @return how many logins were ended
   */
  public int sweepLogins() {
    return loginRoles.sweep();
  }

  /**
   * Revokes a credential: its secrets stop working at once, its PostgreSQL logins are dropped and
   * their sessions (the driver's and the proxy's) terminated (docs/admin-api.md).
   *
   * @throws AdminException (not found) when the caller has no such unrevoked credential
   */
  public void revoke(Caller caller, String id) {
    long owner = caller.ownerId();
    long credentialId = parseId(id, "id");
    store.inTransaction(
        c -> {
          CredentialRow row = active(c, owner, credentialId, id);
          // Expiring the secrets locks them, so a routing lookup that is making a login waits and
          // then finds them expired. The clusters come next: when one cannot be reached, nothing
          // is revoked and a retry can finish.
          credentials.expireSecrets(c, credentialId, Duration.ZERO);
          loginRoles.endAll(c, credentialId, row.user());
          credentials.revoke(c, owner, credentialId);
          audit.record(c, owner, "credential.revoke", row.user(), Map.of());
          return null;
        });
  }

  /**
   * The credential whose user and a still valid secret these are (HTTP Basic, the driver), with the
   * secret that matched: its routing entries carry that secret's PostgreSQL login.
   */
  public Optional<Caller> authenticate(String user, String secret) {
    Optional<CredentialRow> row = store.inTransaction(c -> credentials.findByUser(c, user));
    List<ValidSecret> valid =
        row.isEmpty()
            ? List.of()
            : store.inTransaction(c -> logins.validSecrets(c, row.get().id()));
    if (valid.isEmpty()) {
      ScramVerifier.spendVerificationTime(secret);
      return Optional.empty();
    }
    Long matched = null;
    for (ValidSecret candidate : valid) {
      // Every verifier is checked, so the time taken does not tell which one matched.
      if (ScramVerifier.parse(candidate.verifier()).matches(secret) && matched == null) {
        matched = candidate.id();
      }
    }
    return matched == null
        ? Optional.empty()
        : Optional.of(Caller.credential(row.get().id(), matched, user));
  }

  /**
   * The verifiers of a credential's secrets that still work, for the proxy; they share one salt.
   *
   * @throws AdminException (forbidden) when the caller is not an admin; (not found) when there is
   *     no such unrevoked credential, or none of its secrets works any more
   */
  public ProxyAccount proxyAccount(Caller proxy, String user) {
    proxy.requireAdmin("read credential verifiers for the proxy");
    List<String> verifiers =
        store.inTransaction(
            c -> {
              Optional<CredentialRow> row = credentials.findByUser(c, user);
              return row.isEmpty()
                  ? List.<String>of()
                  : credentials.validVerifiers(c, row.get().id());
            });
    if (verifiers.isEmpty()) {
      throw AdminException.notFound("credential", user, "tdb credentials list");
    }
    return new ProxyAccount(user, verifiers.get(0), verifiers);
  }

  private CredentialRow active(Connection c, long owner, long credentialId, String id)
      throws SQLException {
    return credentials
        .findById(c, owner, credentialId)
        .filter(row -> row.revokedAt() == null)
        .orElseThrow(() -> AdminException.notFound("credential", id, "tdb credentials list"));
  }

  private TenantRow tenantOf(Connection c, BlueprintRow blueprint, String logical)
      throws SQLException {
    return tenants
        .find(c, logical)
        .filter(row -> row.blueprintId() == blueprint.id())
        .orElseThrow(
            () ->
                AdminException.notFound(
                    "tenant", logical, "tdb tenants list --blueprint " + blueprint.name()));
  }

  private Credential view(Connection c, CredentialRow row) throws SQLException {
    return new Credential(
        Long.toString(row.id()),
        row.user(),
        row.name(),
        row.blueprint(),
        row.allTenants() ? null : credentials.tenants(c, row.id()),
        row.readOnly(),
        row.createdAt(),
        credentials.validSecrets(c, row.id()));
  }

  private static void checkName(String name) {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
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
      throw AdminException.invalid(field, "must be a credential id (a number), got '" + text + "'");
    }
  }
}
