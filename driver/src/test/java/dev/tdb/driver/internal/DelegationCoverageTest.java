/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated delegation and the hand-written wrappers together implement every {@code java.sql}
 * method: none is left abstract or to the JDK's default, the generated defaults reach the pgjdbc
 * object with the arguments given, and every method returning a wrapped type is hand-written or,
 * for metadata result sets, passes through the hand-written {@code wrapResult} (which {@link
 * WrapperStubTest} checks for each).
 */
final class DelegationCoverageTest {
  private static final String PACKAGE = DelegationCoverageTest.class.getPackageName();
  private static final Set<Class<?>> WRAPPED =
      Set.of(
          Connection.class,
          Statement.class,
          PreparedStatement.class,
          CallableStatement.class,
          ResultSet.class,
          DatabaseMetaData.class);

  static Stream<Arguments> wrappers() {
    return Stream.of(
        Arguments.of(TdbConnection.class, Connection.class, DelegatingConnection.class),
        Arguments.of(TdbStatement.class, Statement.class, DelegatingStatement.class),
        Arguments.of(
            TdbPreparedStatement.class, PreparedStatement.class, DelegatingPreparedStatement.class),
        Arguments.of(
            TdbCallableStatement.class, CallableStatement.class, DelegatingCallableStatement.class),
        Arguments.of(TdbResultSet.class, ResultSet.class, DelegatingResultSet.class),
        Arguments.of(
            TdbDatabaseMetaData.class, DatabaseMetaData.class, DelegatingDatabaseMetaData.class));
  }

  @ParameterizedTest
  @MethodSource("wrappers")
  void everyInterfaceMethodIsImplementedByTdb(Class<?> wrapper, Class<?> jdbc, Class<?> generated) {
    assertThat(wrapper).isAssignableTo(generated);
    List<String> missing = new ArrayList<>();
    for (Method method : jdbc.getMethods()) {
      Method implementation = implementation(wrapper, method);
      if (implementation == null
          || Modifier.isAbstract(implementation.getModifiers())
          || !implementation.getDeclaringClass().getPackageName().equals(PACKAGE)) {
        missing.add(method.toGenericString() + " -> " + implementation);
      }
    }
    assertThat(missing).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("wrappers")
  void methodsReturningWrappedTypesAreHandWritten(
      Class<?> wrapper, Class<?> jdbc, Class<?> generated) {
    List<String> generatedOnes = new ArrayList<>();
    for (Method method : jdbc.getMethods()) {
      Class<?> declaring = implementation(wrapper, method).getDeclaringClass();
      if (WRAPPED.contains(method.getReturnType())
          && declaring.isInterface()
          && !(method.getReturnType() == ResultSet.class && wrapsResults(declaring))) {
        generatedOnes.add(method.toGenericString());
      }
    }
    assertThat(generatedOnes).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("wrappers")
  void generatedDefaultsForwardTheCallAndItsAnswer(
      Class<?> wrapper, Class<?> jdbc, Class<?> generated) throws Throwable {
    JdbcStub<?> pgjdbc = JdbcStub.of(jdbc, Map.of(String.class, "answer"));
    Object delegating = delegatingProxy(generated, pgjdbc.stub());
    int forwarded = 0;
    for (Method method : generated.getDeclaredMethods()) {
      if (!method.isDefault() || method.isBridge()) {
        continue;
      }
      Object[] args = Arrays.stream(method.getParameterTypes()).map(JdbcStub::sample).toArray();
      Object answer = method.invoke(delegating, args);
      JdbcStub.Call call = pgjdbc.calls().get(pgjdbc.calls().size() - 1);
      assertThat(call.method().getName()).isEqualTo(method.getName());
      assertThat(call.method().getParameterTypes()).isEqualTo(method.getParameterTypes());
      assertThat(call.args()).containsExactly(args);
      if (method.getReturnType() == String.class) {
        assertThat(answer).isEqualTo("answer");
      }
      forwarded++;
    }
    assertThat(pgjdbc.calls()).hasSize(forwarded);
    assertThat(forwarded).isPositive();
  }

  private static boolean wrapsResults(Class<?> generated) {
    try {
      generated.getDeclaredMethod("wrapResult", ResultSet.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * An instance of the generated {@code type} whose {@code delegate()} is {@code pgjdbc} and whose
   * {@code wrapResult} returns the result set it is given.
   */
  private static Object delegatingProxy(Class<?> type, Object pgjdbc) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "delegate" -> pgjdbc;
              case "wrapResult" -> args[0];
              default -> InvocationHandler.invokeDefault(proxy, method, args);
            };
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /**
   * The method a call of {@code method} on a {@code wrapper} runs: the nearest class's concrete
   * declaration, else the most specific default method among its interfaces.
   */
  static Method implementation(Class<?> wrapper, Method method) {
    for (Class<?> type = wrapper; type != null; type = type.getSuperclass()) {
      Method declared = declared(type, method);
      if (declared != null && !Modifier.isAbstract(declared.getModifiers())) {
        return declared;
      }
    }
    Method best = null;
    for (Class<?> type : interfaces(wrapper)) {
      Method declared = declared(type, method);
      if (declared != null && (best == null || best.getDeclaringClass().isAssignableFrom(type))) {
        best = declared;
      }
    }
    return best;
  }

  private static Method declared(Class<?> type, Method method) {
    try {
      Method declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return declared.isBridge() || declared.isSynthetic() ? null : declared;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static List<Class<?>> interfaces(Class<?> wrapper) {
    List<Class<?>> all = new ArrayList<>();
    List<Class<?>> pending = new ArrayList<>();
    for (Class<?> type = wrapper; type != null; type = type.getSuperclass()) {
      pending.addAll(Arrays.asList(type.getInterfaces()));
    }
    while (!pending.isEmpty()) {
      Class<?> next = pending.remove(pending.size() - 1);
      if (!all.contains(next)) {
        all.add(next);
        pending.addAll(Arrays.asList(next.getInterfaces()));
      }
    }
    return all;
  }
}
