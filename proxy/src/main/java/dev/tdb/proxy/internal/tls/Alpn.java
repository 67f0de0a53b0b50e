/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;

/**
 * The TLS application protocol (ALPN) of PostgreSQL 17: {@code postgresql}. A client that offers
 * ALPN without it is refused with a {@code no_application_protocol} alert; a client that offers
 * none is accepted here, and refused after the handshake only on a direct TLS connection.
 */
public final class Alpn {
  /** The protocol name PostgreSQL 17 registered for itself. */
  public static final String POSTGRESQL = "postgresql";

  /** The server side: select {@code postgresql}, fail the handshake on any other offer. */
  public static final ApplicationProtocolConfig SERVER =
      new ApplicationProtocolConfig(
          Protocol.ALPN,
          SelectorFailureBehavior.FATAL_ALERT,
          SelectedListenerFailureBehavior.FATAL_ALERT,
          POSTGRESQL);

  private Alpn() {}
}
