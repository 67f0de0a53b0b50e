/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.internal.admin.AdminLookup;
import dev.tdb.proxy.internal.auth.DecoyCredentials;
import dev.tdb.proxy.internal.auth.SaltedPasswords;
import dev.tdb.proxy.internal.querylog.QueryLogBuffer;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * What every session of one proxy shares. Thread-safe.
 *
 * @param config the configuration
 * @param tls the server TLS context, empty when TLS is disabled
 * @param admin lookups of verifiers and routing entries
 * @param classifier the shared SQL classifier
 * @param cancels the cancel keys of open sessions
 * @param limits open sessions per logical database
 * @param saltedPasswords SCRAM salting of runtime role passwords
 * @param decoys credentials for unknown users
 * @param random the source of nonces and keys
 * @param queryLog where sessions put their query-log events, empty when the log is off
 */
public record ProxyServices(
    ProxyConfig config,
    Optional<SslContext> tls,
    AdminLookup admin,
    SqlClassifier classifier,
    CancelRegistry cancels,
    ConnectionLimits limits,
    SaltedPasswords saltedPasswords,
    DecoyCredentials decoys,
    SecureRandom random,
    Optional<QueryLogBuffer> queryLog) {}
