/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.driver.TdbProperty;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGProperty;

/**
 * The pgjdbc properties an application may set through {@code jdbc:tdb:}, and the properties of the
 * physical connection. Host, port, database, role, password, startup {@code options} and everything
 * that changes where or as whom pgjdbc connects come from the routing entry only; {@code
 * allowEncodingChanges} is refused, so pgjdbc keeps every session in {@code client_encoding} UTF8.
 */
public final class PgProperties {
  private static final Set<PGProperty> ALLOWED =
      EnumSet.of(
          PGProperty.ADAPTIVE_FETCH,
          PGProperty.ADAPTIVE_FETCH_MAXIMUM,
          PGProperty.ADAPTIVE_FETCH_MINIMUM,
          PGProperty.APPLICATION_NAME,
          PGProperty.ASSUME_MIN_SERVER_VERSION,
          PGProperty.AUTOSAVE,
          PGProperty.BINARY_TRANSFER,
          PGProperty.BINARY_TRANSFER_DISABLE,
          PGProperty.BINARY_TRANSFER_ENABLE,
          PGProperty.CANCEL_SIGNAL_TIMEOUT,
          PGProperty.CHANNEL_BINDING,
          PGProperty.CLEANUP_SAVEPOINTS,
          PGProperty.CONNECT_TIMEOUT,
          PGProperty.CONVERT_BOOLEAN_TO_NUMERIC,
          PGProperty.CURRENT_SCHEMA,
          PGProperty.DATABASE_METADATA_CACHE_FIELDS,
          PGProperty.DATABASE_METADATA_CACHE_FIELDS_MIB,
          PGProperty.DEFAULT_ROW_FETCH_SIZE,
          PGProperty.DISABLE_COLUMN_SANITISER,
          PGProperty.ESCAPE_SYNTAX_CALL_MODE,
          PGProperty.FLUSH_CACHE_ON_DDL,
          PGProperty.HIDE_UNPRIVILEGED_OBJECTS,
          PGProperty.LOCAL_SOCKET_ADDRESS,
          PGProperty.LOGIN_TIMEOUT,
          PGProperty.LOG_SERVER_ERROR_DETAIL,
          PGProperty.LOG_UNCLOSED_CONNECTIONS,
          PGProperty.MAX_RESULT_BUFFER,
          PGProperty.MAX_SEND_BUFFER_SIZE,
          PGProperty.PEM_KEY_ALGORITHM,
          PGProperty.PREFER_QUERY_MODE,
          PGProperty.PREPARED_STATEMENT_CACHE_QUERIES,
          PGProperty.PREPARED_STATEMENT_CACHE_SIZE_MIB,
          PGProperty.PREPARE_THRESHOLD,
          PGProperty.QUERY_TIMEOUT,
          PGProperty.QUOTE_RETURNING_IDENTIFIERS,
          PGProperty.READ_ONLY,
          PGProperty.READ_ONLY_MODE,
          PGProperty.RECEIVE_BUFFER_SIZE,
          PGProperty.REQUIRE_AUTH,
          PGProperty.REWRITE_BATCHED_INSERTS,
          PGProperty.REWRITE_BATCHED_INSERTS_SIZE,
          PGProperty.SCRAM_MAX_ITERATIONS,
          PGProperty.SEND_BUFFER_SIZE,
          PGProperty.SOCKET_TIMEOUT,
          PGProperty.SSL,
          PGProperty.SSL_CERT,
          PGProperty.SSL_FACTORY,
          PGProperty.SSL_FACTORY_ARG,
          PGProperty.SSL_HOSTNAME_VERIFIER,
          PGProperty.SSL_KEY,
          PGProperty.SSL_MODE,
          PGProperty.SSL_NEGOTIATION,
          PGProperty.SSL_PASSWORD,
          PGProperty.SSL_PASSWORD_CALLBACK,
          PGProperty.SSL_RESPONSE_TIMEOUT,
          PGProperty.SSL_ROOT_CERT,
          PGProperty.STRING_TYPE,
          PGProperty.TCP_KEEP_ALIVE,
          PGProperty.TCP_NO_DELAY,
          PGProperty.UNKNOWN_LENGTH,
          PGProperty.XML_FACTORY_FACTORY);

  /** pgjdbc's sslmode values, weakest first. */
  private static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private PgProperties() {}

  /** The pgjdbc properties an application may set, for {@code Driver.getPropertyInfo}. */
  public static Set<PGProperty> allowed() {
    return EnumSet.copyOf(ALLOWED);
  }

  /**
   * The pgjdbc properties among {@code properties} that go to the physical connection. Names that
   * are neither tdb's nor pgjdbc's are ignored, as pgjdbc ignores them.
   *
   * @throws SQLException (08001) for a pgjdbc property that tdb sets itself, such as {@code
   *     options} or {@code PGHOST}
   */
  public static Properties userProperties(Properties properties) throws SQLException {
    Properties user = new Properties();
    for (String name : properties.stringPropertyNames()) {
      if (TdbProperty.forKey(name) != null) {
        continue;
      }
      PGProperty property = PGProperty.forName(name);
      if (property == PGProperty.ALLOW_ENCODING_CHANGES) {
        // Without it pgjdbc ends the session when the server's client_encoding leaves UTF8, so
        // the text tdb judged is always the text the server decodes.
        throw Errors.malformed(
            "the pgjdbc property allowEncodingChanges cannot be set through jdbc:tdb:"
                + " (sessions stay in client_encoding UTF8, the encoding tdb reads SQL in)");
      }
      if (property != null && !ALLOWED.contains(property)) {
        throw Errors.malformed(
            "the pgjdbc property "
                + name
                + " cannot be set through jdbc:tdb: (host, database, role and server settings"
                + " come from the tdb admin service)");
      }
      if (property != null) {
        user.setProperty(name, properties.getProperty(name));
      }
    }
    return user;
  }

  /**
   * The properties of the physical connection: the application's allowed properties, the runtime
   * role and its password, and the stricter of the entry's and the application's {@code sslmode}.
   */
  public static Properties physical(Properties userProperties, RoutingEntry entry)
      throws SQLException {
    Properties physical = new Properties();
    physical.putAll(userProperties);
    PGProperty.USER.set(physical, entry.role());
    PGProperty.PASSWORD.set(physical, entry.password());
    PGProperty.SSL_MODE.set(physical, sslMode(userProperties, entry.sslMode()));
    return physical;
  }

  private static String sslMode(Properties user, String entryMode) throws SQLException {
    String requested = PGProperty.SSL_MODE.getOrNull(user);
    if (requested == null) {
      String ssl = PGProperty.SSL.getOrNull(user);
      // pgjdbc reads ssl=true (or a bare "ssl") without sslmode as verify-full.
      requested =
          ssl != null && (ssl.isEmpty() || Boolean.parseBoolean(ssl)) ? "verify-full" : null;
    }
    int entryRank = SSL_MODES.indexOf(entryMode.toLowerCase(Locale.ROOT));
    if (requested == null) {
      return entryMode;
    }
    int requestedRank = SSL_MODES.indexOf(requested.toLowerCase(Locale.ROOT));
    if (requestedRank < 0) {
      throw Errors.malformed("sslmode must be one of " + String.join(", ", SSL_MODES));
    }
    return requestedRank > entryRank ? requested : entryMode;
  }
}
