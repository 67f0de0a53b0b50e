/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class FrontendTypeTest {
  @Test
  void namesEachTypeByteOnce() {
    char[] types = types();
    assertThat(new String(types).chars().distinct().count()).isEqualTo(types.length);
  }

  @Test
  void aRunningSessionAcceptsEveryTypeButThePasswordMessages() {
    for (char type : types()) {
      assertThat(FrontendType.inSession(type)).as("%s", type).isEqualTo(type != 'p');
    }
    assertThat(FrontendType.inSession('Z')).isFalse();
    assertThat(FrontendType.inSession((char) 0)).isFalse();
  }

  private static char[] types() {
    Field[] fields =
        Arrays.stream(FrontendType.class.getDeclaredFields())
            .filter(field -> Modifier.isPublic(field.getModifiers()))
            .toArray(Field[]::new);
    char[] types = new char[fields.length];
    for (int i = 0; i < fields.length; i++) {
      try {
        types[i] = fields[i].getChar(null);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return types;
  }
}
