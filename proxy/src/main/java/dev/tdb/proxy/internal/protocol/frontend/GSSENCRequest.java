/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

/** A client asks for GSSAPI encryption; the proxy answers 'N'. */
public final class GSSENCRequest implements StartupPacket {
  /** The request code. */
  public static final int CODE = 80877104;

  /** The one-byte answer of a server that goes on without GSSAPI encryption. */
  public static final char UNWILLING = 'N';

  /** The one instance. */
  public static final GSSENCRequest INSTANCE = new GSSENCRequest();

  private GSSENCRequest() {}
}
