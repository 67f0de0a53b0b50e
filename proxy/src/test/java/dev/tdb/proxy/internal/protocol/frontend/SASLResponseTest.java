/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.protocol.Buffers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SASLResponse's body is the message itself: no terminator, nothing that can be malformed. */
final class SASLResponseTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void decodesTheDocumentedBytes() {
    assertThat(buffers.decode("70 00000008 61626364", SASLResponse::decode))
        .isEqualTo(new SASLResponse("abcd"));
  }

  @Test
  void encodesTheDocumentedBytes() {
    assertThat(buffers.hex(new SASLResponse("abcd").encode(buffers.alloc())))
        .isEqualTo("700000000861626364");
  }

  @Test
  void roundTrips() {
    SASLResponse response = new SASLResponse("c=biws,r=abc,p=dGVzdA==");
    assertThat(buffers.decode(response.encode(buffers.alloc()), SASLResponse::decode))
        .isEqualTo(response);
  }
}
