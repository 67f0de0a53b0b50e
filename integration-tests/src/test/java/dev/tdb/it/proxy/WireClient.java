/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import dev.tdb.proxy.internal.auth.SaltedPasswords;
import dev.tdb.proxy.internal.auth.ScramClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A PostgreSQL frontend written by hand over a socket, for tests that must control every message:
 * the frames are built here byte by byte and nothing is buffered, reordered or retried as a driver
 * would. Startup authenticates with SCRAM-SHA-256 (or none, when the server says AuthenticationOk
 * at once). Not thread-safe, except that {@link #close()} may come from another thread.
 */
final class WireClient implements AutoCloseable {
  /** Protocol 3.0 as sent in the StartupMessage. */
  static final int PROTOCOL_3_0 = 3 << 16;

  /** SSLRequest's request code. */
  static final int SSL_REQUEST = 80877103;

  /** PostgreSQL 17's ALPN protocol name. */
  static final String ALPN_POSTGRESQL = "postgresql";

  private static final int AUTH_OK = 0;
  private static final int AUTH_SASL = 10;
  private static final int AUTH_SASL_CONTINUE = 11;
  private static final int AUTH_SASL_FINAL = 12;

  /** One backend message: its type and its body (without type and length). */
  record Message(char type, byte[] body) {
    /** The body as a reader. */
    Body read() {
      return new Body(body);
    }

    /** A field of an ErrorResponse or NoticeResponse, or null. */
    String field(char code) {
      Body in = read();
      while (true) {
        char c = (char) in.byte8();
        if (c == 0) {
          return null;
        }
        String value = in.cstring();
        if (c == code) {
          return value;
        }
      }
    }
  }

  /** A cursor over a message body. */
  static final class Body {
    private final byte[] bytes;
    private int at;

    Body(byte[] bytes) {
      this.bytes = bytes;
    }

    int byte8() {
      return bytes[at++] & 0xff;
    }

    short int16() {
      short value = (short) (((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff));
      at += 2;
      return value;
    }

    int int32() {
      int value =
          ((bytes[at] & 0xff) << 24)
              | ((bytes[at + 1] & 0xff) << 16)
              | ((bytes[at + 2] & 0xff) << 8)
              | (bytes[at + 3] & 0xff);
      at += 4;
      return value;
    }

    String cstring() {
      int end = at;
      while (bytes[end] != 0) {
        end++;
      }
      String value = new String(bytes, at, end - at, StandardCharsets.UTF_8);
      at = end + 1;
      return value;
    }

    /** A length-prefixed value (DataRow column, Bind parameter), or null for length -1. */
    String value() {
      int length = int32();
      if (length < 0) {
        return null;
      }
      String value = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return value;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final List<Message> startup = new ArrayList<>();

  private WireClient(Socket socket, DataInputStream in, OutputStream out) {
    this.socket = socket;
    this.in = in;
    this.out = out;
  }

  /**
   * Connects, negotiates TLS when asked (trusting any certificate, as libpq's sslmode=require
   * without a root certificate does), sends a StartupMessage with {@code parameters} and
   * authenticates.
   *
   * @param protocol the version sent in the StartupMessage, e.g. {@link #PROTOCOL_3_0}
   * @throws IOException also when the server refuses: the ErrorResponse's fields are in the message
   */
  static WireClient connect(
      String host,
      int port,
      Transport transport,
      int protocol,
      Map<String, String> parameters,
      String password)
      throws IOException {
    Socket plain = new Socket(host, port);
    plain.setTcpNoDelay(true);
    Socket socket = plain;
    if (transport == Transport.TLS) {
      DataInputStream raw = new DataInputStream(plain.getInputStream());
      OutputStream rawOut = plain.getOutputStream();
      rawOut.write(int32(8));
      rawOut.write(int32(SSL_REQUEST));
      rawOut.flush();
      if (raw.readByte() != 'S') {
        plain.close();
        throw new IOException("the server does not offer TLS");
      }
      socket = handshake(plain, host, port);
    } else if (transport == Transport.DIRECT_TLS) {
      socket = handshake(plain, host, port, ALPN_POSTGRESQL);
    }
    WireClient client =
        new WireClient(
            socket,
            new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16)),
            new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    try {
      client.startup(protocol, parameters, password);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Whether and how the connection is encrypted. */
  enum Transport {
    PLAIN,
    /** SSLRequest, then a TLS handshake without ALPN, as libpq before PostgreSQL 17 does. */
    TLS,
    /** PostgreSQL 17's {@code sslnegotiation=direct}: a handshake at once, ALPN postgresql. */
    DIRECT_TLS
  }

  /**
   * Runs a TLS handshake over {@code plain}, trusting any certificate, offering the ALPN {@code
   * protocols} (none when empty).
   *
   * @throws IOException also when the server refuses the handshake
   */
  static SSLSocket handshake(Socket plain, String host, int port, String... protocols)
      throws IOException {
    SSLSocket tls =
        (SSLSocket) trustingAll().getSocketFactory().createSocket(plain, host, port, true);
    if (protocols.length > 0) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setApplicationProtocols(protocols);
      tls.setSSLParameters(parameters);
    }
    tls.startHandshake();
    return tls;
  }

  /** The ALPN protocol the TLS handshake chose, empty for none, null without TLS. */
  String applicationProtocol() {
    return socket instanceof SSLSocket tls ? tls.getApplicationProtocol() : null;
  }

  private void startup(int protocol, Map<String, String> parameters, String password)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(int32(protocol));
    parameters.forEach(
        (name, value) -> {
          writeCString(body, name);
          writeCString(body, value);
        });
    body.write(0);
    out.write(int32(body.size() + 4));
    body.writeTo(out);
    out.flush();
    ScramClient scram = null;
    while (true) {
      Message m = read();
      switch (m.type()) {
        case 'R' -> scram = authenticate(m, scram, password);
        case 'E' -> throw new IOException("startup refused: " + m.field('C') + " " + m.field('M'));
        case 'Z' -> {
          startup.add(m);
          return;
        }
        default -> startup.add(m);
      }
    }
  }

  private ScramClient authenticate(Message m, ScramClient scram, String password)
      throws IOException {
    Body b = m.read();
    int code = b.int32();
    try {
      switch (code) {
        case AUTH_OK -> {
          return scram;
        }
        case AUTH_SASL -> {
          ScramClient exchange =
              new ScramClient(password, new SaltedPasswords(), new SecureRandom());
          byte[] first = exchange.clientFirst().getBytes(StandardCharsets.UTF_8);
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          writeCString(body, "SCRAM-SHA-256");
          body.write(int32(first.length));
          body.write(first);
          send('p', body.toByteArray());
          flush();
          return exchange;
        }
        case AUTH_SASL_CONTINUE -> {
          String serverFirst = rest(m, 4);
          send('p', scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8));
          flush();
          return scram;
        }
        case AUTH_SASL_FINAL -> {
          if (!scram.verifyServerFinal(rest(m, 4))) {
            throw new IOException("the server's SCRAM signature is wrong");
          }
          return scram;
        }
        default -> throw new IOException("unsupported authentication request " + code);
      }
    } catch (com.ongres.scram.common.exception.ScramException e) {
      throw new IOException(e);
    }
  }

  private static String rest(Message m, int offset) {
    return new String(m.body(), offset, m.body().length - offset, StandardCharsets.UTF_8);
  }

  /** What the server sent during startup after authentication, up to ReadyForQuery included. */
  List<Message> startupMessages() {
    return startup;
  }

  /** Buffers one message; {@link #flush()} sends it. */
  WireClient send(char type, byte[] body) throws IOException {
    out.write(type);
    out.write(int32(body.length + 4));
    out.write(body);
    return this;
  }

  /** Buffers {@code bytes} as they are, for frames no well-behaved client would build. */
  WireClient sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    return this;
  }

  /** Sends what is buffered. */
  void flush() throws IOException {
    out.flush();
  }

  WireClient query(String sql) throws IOException {
    return send('Q', cstring(sql));
  }

  WireClient parse(String statement, String sql) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeCString(body, statement);
    writeCString(body, sql);
    body.write(new byte[2]);
    return send('P', body.toByteArray());
  }

  /** Bind with text parameters (null for SQL NULL) and text results. */
  WireClient bind(String portal, String statement, String... parameters) throws IOException {
    byte[][] values = new byte[parameters.length][];
    for (int i = 0; i < parameters.length; i++) {
      values[i] = parameters[i] == null ? null : parameters[i].getBytes(StandardCharsets.UTF_8);
    }
    return bindBytes(portal, statement, values);
  }

  /** Bind with text parameters given as bytes (null for SQL NULL). */
  WireClient bindBytes(String portal, String statement, byte[]... parameters) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeCString(body, portal);
    writeCString(body, statement);
    body.write(new byte[2]);
    body.write(int16(parameters.length));
    for (byte[] p : parameters) {
      if (p == null) {
        body.write(int32(-1));
      } else {
        body.write(int32(p.length));
        body.write(p);
      }
    }
    body.write(new byte[2]);
    return send('B', body.toByteArray());
  }

  WireClient execute(String portal, int maxRows) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeCString(body, portal);
    body.write(int32(maxRows));
    return send('E', body.toByteArray());
  }

  /** Describe of a statement ({@code 'S'}) or portal ({@code 'P'}). */
  WireClient describe(char kind, String name) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(kind);
    writeCString(body, name);
    return send('D', body.toByteArray());
  }

  /** Close of a statement ({@code 'S'}) or portal ({@code 'P'}). */
  WireClient closeObject(char kind, String name) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(kind);
    writeCString(body, name);
    return send('C', body.toByteArray());
  }

  WireClient sync() throws IOException {
    return send('S', new byte[0]);
  }

  WireClient flushMessage() throws IOException {
    return send('H', new byte[0]);
  }

  WireClient copyData(String text) throws IOException {
    return send('d', text.getBytes(StandardCharsets.UTF_8));
  }

  WireClient copyDone() throws IOException {
    return send('c', new byte[0]);
  }

  WireClient terminate() throws IOException {
    return send('X', new byte[0]);
  }

  /**
   * Reads one message.
   *
   * @throws EOFException when the server closed the connection
   */
  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Reads messages up to and including the first of {@code type}. */
  List<Message> readThrough(char type) throws IOException {
    List<Message> messages = new ArrayList<>();
    Message m;
    do {
      m = read();
      messages.add(m);
    } while (m.type() != type);
    return messages;
  }

  /** Reads messages up to and including the next ReadyForQuery. */
  List<Message> readUntilReady() throws IOException {
    return readThrough('Z');
  }

  /** True when the server closed the connection without sending anything more. */
  boolean atEndOfStream() throws IOException {
    return in.read() < 0;
  }

  void setReadTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static byte[] int32(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  private static byte[] int16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  private static byte[] cstring(String value) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeCString(body, value);
    return body.toByteArray();
  }

  private static void writeCString(ByteArrayOutputStream body, String value) {
    body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    body.write(0);
  }

  private static SSLContext trustingAll() throws IOException {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Never asked: the client presents no certificate.
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Encrypted, not verified: sslmode=require without a root certificate.
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }
}
