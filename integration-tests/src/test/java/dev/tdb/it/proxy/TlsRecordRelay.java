/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a PostgreSQL server or the proxy that reads the header of every TLS
 * record the service sends to its clients (5 bytes: content type, version, a 16-bit length) and
 * keeps the largest length seen. The service's answer to SSLRequest, one byte {@code S} that no
 * record begins with, is skipped; on direct TLS the first byte already begins a record.
 */
final class TlsRecordRelay extends TcpRelay {
  private static final int HEADER_BYTES = 5;

  private final AtomicInteger largest = new AtomicInteger();

  private TlsRecordRelay(InetSocketAddress target) throws IOException {
    super(target);
  }

  /** A relay on a free loopback port to {@code host} and {@code port}. */
  static TlsRecordRelay to(String host, int port) throws IOException {
    TlsRecordRelay relay = new TlsRecordRelay(new InetSocketAddress(host, port));
    relay.start();
    return relay;
  }

  /** The largest length field of a TLS record the service sent, on any connection so far. */
  int largestRecord() {
    return largest.get();
  }

  @Override
  Leg upstream() {
    return (buffer, n, to) -> to.write(buffer, 0, n);
  }

  @Override
  Leg downstream() {
    return new RecordHeaders();
  }

  /** Reads the record headers of one connection's downstream; confined to its thread. */
  private final class RecordHeaders implements Leg {
    private final byte[] header = new byte[HEADER_BYTES];
    private boolean started;
    private int headerBytes;
    private int bodyBytesLeft;

    @Override
    public void pass(byte[] buffer, int n, OutputStream to) throws IOException {
      int i = 0;
      if (!started && n > 0) {
        started = true;
        if (buffer[0] == 'S') {
          i = 1;
        }
      }
      while (i < n) {
        if (bodyBytesLeft > 0) {
          int skipped = Math.min(bodyBytesLeft, n - i);
          bodyBytesLeft -= skipped;
          i += skipped;
        } else {
          header[headerBytes++] = buffer[i++];
          if (headerBytes == HEADER_BYTES) {
            bodyBytesLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            largest.accumulateAndGet(bodyBytesLeft, Math::max);
            headerBytes = 0;
          }
        }
      }
      to.write(buffer, 0, n);
    }
  }
}
