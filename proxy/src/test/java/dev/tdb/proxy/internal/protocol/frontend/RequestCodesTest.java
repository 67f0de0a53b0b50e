/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static dev.tdb.proxy.internal.protocol.Buffers.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.internal.protocol.Buffers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SSLRequest, GSSENCRequest and CancelRequest: startup packets told apart by a request code. */
final class RequestCodesTest {
  /** CancelRequest: length 16, code 80877102, process 12345, key 0xdeadbeef. */
  private static final String CANCEL = "00000010 04d2162e 00003039 deadbeef";

  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void sslRequestDecodesAndEncodesTheDocumentedBytes() {
    assertThat(buffers.decode("00000008 04d2162f", StartupPacket::decode))
        .isSameAs(SSLRequest.INSTANCE);
    assertThat(buffers.hex(SSLRequest.INSTANCE.encode(buffers.alloc())))
        .isEqualTo("0000000804d2162f");
  }

  @Test
  void gssencRequestDecodesTheDocumentedBytes() {
    assertThat(buffers.decode("00000008 04d21630", StartupPacket::decode))
        .isSameAs(GSSENCRequest.INSTANCE);
  }

  @Test
  void cancelRequestDecodesTheDocumentedBytes() {
    assertThat(buffers.decode(CANCEL, StartupPacket::decode))
        .isEqualTo(new CancelRequest(12345, 0xdeadbeef));
  }

  @Test
  void cancelRequestEncodesTheDocumentedBytes() {
    assertThat(buffers.hex(new CancelRequest(12345, 0xdeadbeef).encode(buffers.alloc())))
        .isEqualTo(bytes(CANCEL));
  }

  @Test
  void cancelRequestRoundTrips() {
    CancelRequest cancel = new CancelRequest(-1, Integer.MIN_VALUE);
    assertThat(buffers.decode(cancel.encode(buffers.alloc()), StartupPacket::decode))
        .isEqualTo(cancel);
  }

  @Test
  void aCancelRequestOfAnotherLengthIsAnInvalidStartupPacket() {
    assertThatThrownBy(
            () ->
                buffers.decode(
                    "00000014 04d2162e 00003039 deadbeef 00000000", CancelRequest::decode))
        .isInstanceOf(InvalidStartupPacketException.class)
        .hasMessage("invalid length of cancel request packet");
  }
}
