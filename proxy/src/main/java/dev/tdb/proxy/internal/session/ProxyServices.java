/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.sql.SqlClassifier;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.internal.admin.VerifierCache;
import dev.tdb.proxy.internal.auth.DecoyCredentials;
import dev.tdb.proxy.internal.auth.SaltedPasswords;
import dev.tdb.proxy.internal.metrics.ProxyMetrics;
import dev.tdb.proxy.internal.pool.ServerPool;
import dev.tdb.proxy.internal.querylog.QueryLogBuffer;
import dev.tdb.proxy.internal.stats.StatementStatistics;
import dev.tdb.proxy.internal.tls.ServerTls;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * What every session of one proxy shares. Thread-safe.
 *
 * @param config the configuration
 * @param tls the server TLS context, empty when TLS is disabled
 * @param serverTls TLS towards PostgreSQL servers, by ssl_mode
 * @param verifiers account verifiers, cached
 * @param routing routing entries on behalf of accounts, cached
 * @param classifier the shared SQL classifier
 * @param cancels the cancel keys of open sessions
 * @param pool the server connections, shared by client sessions in turn
 * @param unauthenticated the connections that have not authenticated yet
 * @param saltedPasswords SCRAM salting of runtime role passwords
 * @param decoys credentials for unknown users
 * @param random the source of nonces and keys
 * @param queryLog where sessions put their query-log events, empty when the log is off
 * @param statistics the statement statistics, empty when they are off
 * @param metrics the proxy's meters
 */
public record ProxyServices(
    ProxyConfig config,
    Optional<SslContext> tls,
    ServerTls serverTls,
    VerifierCache verifiers,
    RoutingClient routing,
    SqlClassifier classifier,
    CancelRegistry cancels,
    ServerPool pool,
    Unauthenticated unauthenticated,
    SaltedPasswords saltedPasswords,
    DecoyCredentials decoys,
    SecureRandom random,
    Optional<QueryLogBuffer> queryLog,
    Optional<StatementStatistics> statistics,
    ProxyMetrics metrics) {}
