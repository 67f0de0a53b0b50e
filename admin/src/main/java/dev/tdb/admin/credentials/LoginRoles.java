/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.credentials;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.CredentialRoles;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository.Login;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.security.DataCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens on the clusters when a credential's secrets stop working: a rotation gives the
 * logins of the previous secrets PostgreSQL's own expiry ({@code VALID UNTIL}), a revocation ends
 * them at once (no login, sessions terminated, role dropped), and a periodic sweep ends the logins
 * of secrets whose overlap is over, sessions included.
 */
final class LoginRoles {
  private static final Logger LOG = LoggerFactory.getLogger(LoginRoles.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final CredentialLoginRepository logins = new CredentialLoginRepository();
  private final ClusterRepository clusters = new ClusterRepository();

  LoginRoles(MetadataStore store, ClusterPools pools) {
    this.store = store;
    this.pools = pools;
  }

  /**
   * After a rotation: every login of a secret that now expires refuses its password from then on,
   * and one that has already expired (an overlap of zero) is ended now.
   */
  void expire(Connection c, long credentialId, String user) throws SQLException {
    Instant now = Instant.now();
    for (Login login : logins.loginsOf(c, credentialId)) {
      if (login.expiresAt() == null) {
        continue;
      }
      Instant until = Instant.parse(login.expiresAt());
      if (until.isAfter(now)) {
        roles(c, login).expire(DataCredentials.loginRole(user, login.secretId()), until);
      } else {
        end(c, login, user);
      }
    }
  }

  /** Ends every login of a credential: no login, sessions terminated, role dropped. */
  void endAll(Connection c, long credentialId, String user) throws SQLException {
    for (Login login : logins.loginsOf(c, credentialId)) {
      end(c, login, user);
    }
  }

  /**
   * Ends the logins of secrets that expired and of revoked credentials still on a cluster (one that
   * was unreachable at the time); a login whose cluster cannot be reached is logged and kept.
   *
   * @return how many logins were ended
   */
  int sweep() {
    List<Login> stale = store.inTransaction(logins::stale);
    int ended = 0;
    for (Login login : stale) {
      try {
        store.inTransaction(
            c -> {
              end(c, login, logins.userOf(c, login.secretId()));
              return null;
            });
        ended++;
      } catch (RuntimeException e) {
        LOG.warn(
            "credential login of secret {}: not ended yet: {}", login.secretId(), e.getMessage());
      }
    }
    return ended;
  }

  private void end(Connection c, Login login, String user) throws SQLException {
    roles(c, login).drop(DataCredentials.loginRole(user, login.secretId()));
    logins.forget(c, login);
  }

  private CredentialRoles roles(Connection c, Login login) throws SQLException {
    return pools.admin(clusters.findById(c, login.clusterId())).credentialRoles();
  }
}
