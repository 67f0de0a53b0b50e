/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.proxy.internal.protocol.Buffers;
import dev.tdb.proxy.internal.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sync and Terminate have no body: only their type byte and length are sent, never decoded. */
final class SyncTest {
  @RegisterExtension final Buffers buffers = new Buffers();

  @Test
  void syncEncodesTheDocumentedBytes() {
    assertThat(buffers.hex(Sync.INSTANCE.encode(buffers.alloc()))).isEqualTo("5300000004");
  }

  @Test
  void terminateEncodesTheDocumentedBytes() {
    assertThat(buffers.hex(Terminate.INSTANCE.encode(buffers.alloc()))).isEqualTo("5800000004");
  }

  @Test
  void bothAreToldApartByTheirTypeByteAlone() {
    assertThat(buffers.decode(Sync.INSTANCE.encode(buffers.alloc()), Wire::type))
        .isEqualTo(FrontendType.SYNC);
    assertThat(buffers.decode(Terminate.INSTANCE.encode(buffers.alloc()), Wire::type))
        .isEqualTo(FrontendType.TERMINATE);
  }
}
