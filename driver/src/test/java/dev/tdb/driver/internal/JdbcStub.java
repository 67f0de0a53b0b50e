/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a pgjdbc object that only records the calls it receives: a {@link Proxy} of one
 * {@code java.sql} interface, for tests of the wrapping alone (never of PostgreSQL). Each call
 * answers with the value given for its return type, or the type's zero value.
 */
final class JdbcStub<T> {
  /** One call the stub received. */
  record Call(Method method, List<Object> args) {}

  private final Class<T> type;
  private final T stub;
  private final List<Call> calls = new ArrayList<>();
  private final Map<Class<?>, Object> answers;

  private JdbcStub(Class<T> type, Map<Class<?>, Object> answers) {
    this.type = type;
    this.answers = answers;
    this.stub =
        type.cast(
            Proxy.newProxyInstance(
                JdbcStub.class.getClassLoader(), new Class<?>[] {type}, this::answer));
  }

  /** A stub of {@code type} whose calls return {@code answers} by return type. */
  static <T> JdbcStub<T> of(Class<T> type, Map<Class<?>, Object> answers) {
    return new JdbcStub<>(type, answers);
  }

  /** The stand-in itself. */
  T stub() {
    return stub;
  }

  /** The calls received so far, oldest first. */
  List<Call> calls() {
    return calls;
  }

  private Object answer(Object proxy, Method method, Object[] args) throws SQLException {
    List<Object> given = args == null ? List.of() : Arrays.asList(args);
    calls.add(new Call(method, given));
    switch (method.getName()) {
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("stub " + type.getSimpleName() + " wraps nothing");
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      case "toString":
        return "stub " + type.getSimpleName();
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        return answers.containsKey(method.getReturnType())
            ? answers.get(method.getReturnType())
            : zero(method.getReturnType());
    }
  }

  /** A value of {@code type} to pass as an argument: distinct where cheap, else zero. */
  static Object sample(Class<?> type) {
    if (type == String.class) {
      return "s";
    }
    return zero(type);
  }

  /** The zero value of {@code type}: {@code null} for references. */
  static Object zero(Class<?> type) {
    if (!type.isPrimitive() || type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == char.class) {
      return '\0';
    }
    return switch (type.getName()) {
      case "byte" -> (byte) 0;
      case "short" -> (short) 0;
      case "int" -> 0;
      case "long" -> 0L;
      case "float" -> 0f;
      default -> 0d;
    };
  }
}
