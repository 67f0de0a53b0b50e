/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class BackendTypeTest {
  @Test
  void namesEachTypeByteOnce() {
    long[] types =
        Arrays.stream(BackendType.class.getDeclaredFields())
            .filter(field -> Modifier.isPublic(field.getModifiers()))
            .mapToLong(BackendTypeTest::type)
            .toArray();
    assertThat(Arrays.stream(types).distinct().count()).isEqualTo(types.length).isEqualTo(24);
  }

  private static long type(Field field) {
    try {
      return field.getChar(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
