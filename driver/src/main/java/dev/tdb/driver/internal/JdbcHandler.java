/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Wrapper;

/**
 * The common part of the driver's JDBC wrappers. Each wrapper is a dynamic proxy over one pgjdbc
 * object: the subclass handles the calls tdb must see (SQL, limits, back-references) and every
 * other call goes straight to pgjdbc, so no JDBC method is ever left unwrapped or forgotten. {@code
 * unwrap} and {@code isWrapperFor} reach through to pgjdbc's own types.
 */
abstract class JdbcHandler implements InvocationHandler {
  private final Wrapper delegate;

  JdbcHandler(Wrapper delegate) {
    this.delegate = delegate;
  }

  /** A proxy implementing {@code type} whose calls go to {@code handler}. */
  static <T> T proxy(Class<T> type, JdbcHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(JdbcHandler.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    int arity = method.getParameterCount();
    switch (method.getName()) {
      case "unwrap":
        if (arity == 1) {
          Class<?> type = (Class<?>) args[0];
          return type.isInstance(proxy) ? proxy : delegate.unwrap(type);
        }
        break;
      case "isWrapperFor":
        if (arity == 1) {
          Class<?> type = (Class<?>) args[0];
          return type.isInstance(proxy) || delegate.isWrapperFor(type);
        }
        break;
      case "equals":
        if (arity == 1) {
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "toString":
        if (arity == 0) {
          return "tdb:" + delegate;
        }
        break;
      default:
        break;
    }
    return handle(proxy, method, args);
  }

  /** Handles one call on {@code proxy}; {@link #forward} passes it on unchanged. */
  abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

  /** Calls {@code method} on the pgjdbc object, with tdb wrappers among the arguments unwrapped. */
  final Object forward(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, unwrapArguments(args));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object[] unwrapArguments(Object[] args) {
    if (args == null) {
      return null;
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Wrapper
          && Proxy.isProxyClass(args[i].getClass())
          && Proxy.getInvocationHandler(args[i]) instanceof JdbcHandler handler) {
        args[i] = handler.delegate;
      }
    }
    return args;
  }
}
