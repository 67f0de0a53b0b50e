/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The one HTTP client of the admin API: base URI, credentials, TLS trust and timeouts in one place,
 * requests and answers as {@link AdminApiCall} and {@link AdminApiResponse}, refusals as {@link
 * AdminApiException}. Thread-safe; never follows a redirect (the credentials stay with the admin
 * service).
 *
 * <p>Calls go through a {@code java.net.http} client made on first use, except the blocking calls
 * of a client made {@link #forCommandLine}: those go through {@link HttpURLConnection}, because
 * {@code java.net.http} starts a selector thread whose native wait the JVM's exit waits for, and
 * loads a TLS context even for {@code http://}, which would add a visible pause to every
 * short-lived {@code tdb} command. {@code HttpURLConnection} has two habits the {@code
 * java.net.http} path does not: it sends a POST again, once, when the connection breaks before the
 * answer, which {@link #forCommandLine} turns off for the process ({@code sun.net.http.retryPost});
 * and it refuses PATCH, which goes through {@code java.net.http} therefore.
 */
public final class AdminApiClient {
  /** Reads the contract: unknown fields ignored, and errors never quote a body (secrets). */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final String base;
  private final String authorization;
  private final Optional<SSLContext> tls;
  private final Timeouts timeouts;
  private final Blocking blocking;
  private volatile HttpClient http;

  /** What blocking calls go through. */
  private enum Blocking {
    JAVA_NET_HTTP,
    URL_CONNECTION
  }

  /**
   * How long a call may take.
   *
   * @param connect to open the connection
   * @param answer to get the answer once connected: the headers, and for a blocking call each read
   *     of the body; for a non-blocking call the whole answer, body included
   */
  public record Timeouts(Duration connect, Duration answer) {
    /** One bound for both. */
    public static Timeouts of(Duration both) {
      return new Timeouts(both, both);
    }
  }

  private AdminApiClient(
      URI base,
      String authorization,
      Optional<SSLContext> tls,
      Timeouts timeouts,
      Blocking blocking,
      HttpClient http) {
    String uri = base.toString();
    this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    this.authorization = authorization;
    this.tls = tls;
    this.timeouts = timeouts;
    this.blocking = blocking;
    this.http = http;
  }

  /**
   * A client of the admin service at {@code base}, sending {@code authorization} (see {@link
   * #basic}, {@link #bearer}; {@code null} for none), trusting {@code tls} for {@code https}.
   */
  public static AdminApiClient create(
      URI base, String authorization, Optional<SSLContext> tls, Timeouts timeouts) {
    return new AdminApiClient(base, authorization, tls, timeouts, Blocking.JAVA_NET_HTTP, null);
  }

  /**
   * A client for a short-lived command: its blocking calls start no {@code java.net.http} thread
   * (see the class comment for what that changes); the JVM's trust for {@code https}.
   */
  public static AdminApiClient forCommandLine(URI base, String authorization, Timeouts timeouts) {
    // HttpURLConnection sends a POST again when the connection breaks before the answer, so a
    // `tdb tenants create` cut short would create the tenant and then report 409 for it. The
    // JDK reads this switch once, on the first connection: the command makes this client first.
    System.setProperty("sun.net.http.retryPost", "false");
    return new AdminApiClient(
        base, authorization, Optional.empty(), timeouts, Blocking.URL_CONNECTION, null);
  }

  /** A client whose non-blocking calls go through {@code http}, which brings its own TLS trust. */
  public static AdminApiClient over(
      HttpClient http, URI base, String authorization, Timeouts timeouts) {
    return new AdminApiClient(
        base, authorization, Optional.empty(), timeouts, Blocking.JAVA_NET_HTTP, http);
  }

  /** HTTP Basic with account (or credential) user and secret. */
  public static String basic(String user, String secret) {
    String pair = user + ":" + secret;
    return "Basic "
        + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A bearer API key. */
  public static String bearer(String apiKey) {
    return "Bearer " + apiKey;
  }

  /** {@code text} as one path segment. */
  public static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The base URI, without a trailing slash. */
  public String base() {
    return base;
  }

  /**
   * Sends {@code call} and returns the answer, whatever its status.
   *
   * @throws IOException when there is no answer (including a timeout)
   */
  public AdminApiResponse exchange(AdminApiCall call) throws IOException {
    if (blocking == Blocking.JAVA_NET_HTTP || call.method().equals("PATCH")) {
      return exchangeBlocking(call);
    }
    HttpURLConnection connection = open(call, "application/json");
    try {
      int status = connection.getResponseCode();
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        return new AdminApiResponse(
            status, connection.getHeaderFields(), in == null ? null : in.readAllBytes());
      }
    } finally {
      connection.disconnect();
    }
  }

  /**
   * Sends {@code call} and returns the answer if its status is below 400.
   *
   * @throws AdminApiException for a refusal (status 400 or above) or no answer
   */
  public AdminApiResponse send(AdminApiCall call) throws AdminApiException {
    AdminApiResponse response;
    try {
      response = exchange(call);
    } catch (IOException e) {
      throw AdminApiException.unreachable(base, e);
    }
    if (response.status() >= 400) {
      throw AdminApiException.refused(response);
    }
    return response;
  }

  /**
   * Sends {@code call} and returns its answer's body as it arrives (for NDJSON answers); the caller
   * closes it, which also ends the connection.
   *
   * @throws AdminApiException for a refusal (read whole) or no answer
   */
  public InputStream stream(AdminApiCall call, String accept) throws AdminApiException {
    if (blocking == Blocking.JAVA_NET_HTTP) {
      return streamBlocking(call.header("Accept", accept));
    }
    HttpURLConnection connection = null;
    try {
      connection = open(call, accept);
      int status = connection.getResponseCode();
      if (status >= 400) {
        try (InputStream error = connection.getErrorStream()) {
          throw AdminApiException.refused(
              new AdminApiResponse(
                  status,
                  connection.getHeaderFields(),
                  error == null ? null : error.readAllBytes()));
        }
      }
      HttpURLConnection opened = connection;
      connection = null;
      return new FilterInputStream(opened.getInputStream()) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            opened.disconnect();
          }
        }
      };
    } catch (IOException e) {
      throw AdminApiException.unreachable(base, e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /**
   * Sends {@code call} without blocking; the answer, whatever its status, completes the future on
   * the HTTP client's threads. The whole answer, body included, is bounded by the answer timeout,
   * so a hung admin service holds a caller no longer.
   *
   * @return a future that fails with the I/O failure ({@link HttpTimeoutException} for a timeout)
   */
  public CompletableFuture<AdminApiResponse> exchangeAsync(AdminApiCall call) {
    HttpRequest request;
    try {
      request = request(call);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpResponse<byte[]>> sent =
        http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    // The request's own timeout ends at the response headers; this bounds the body too.
    CompletableFuture.delayedExecutor(timeouts.answer().toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> sent.cancel(true));
    return sent.handle(
        (response, failure) -> {
          if (failure != null) {
            throw new CompletionException(unwrap(failure));
          }
          return new AdminApiResponse(
              response.statusCode(), response.headers().map(), response.body());
        });
  }

  private Throwable unwrap(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof CancellationException
        ? new HttpTimeoutException("no whole answer within " + timeouts.answer())
        : cause;
  }

  private AdminApiResponse exchangeBlocking(AdminApiCall call) throws IOException {
    try {
      HttpResponse<byte[]> response =
          http().send(request(call), HttpResponse.BodyHandlers.ofByteArray());
      return new AdminApiResponse(response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private InputStream streamBlocking(AdminApiCall call) throws AdminApiException {
    try {
      HttpResponse<InputStream> response =
          http().send(request(call), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() >= 400) {
        try (InputStream error = response.body()) {
          throw AdminApiException.refused(
              new AdminApiResponse(
                  response.statusCode(), response.headers().map(), error.readAllBytes()));
        }
      }
      return response.body();
    } catch (IOException e) {
      throw AdminApiException.unreachable(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AdminApiException.unreachable(base, interrupted(e));
    }
  }

  private static IOException interrupted(InterruptedException e) {
    IOException interrupted = new InterruptedIOException("interrupted");
    interrupted.initCause(e);
    return interrupted;
  }

  private HttpRequest request(AdminApiCall call) throws IOException {
    byte[] body = body(call);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(call))
            .timeout(timeouts.answer())
            .method(
                call.method(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (!call.headers().containsKey("Accept")) {
      request.header("Accept", "application/json");
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null && call.credentials() == AdminApiCall.Credentials.SEND) {
      request.header("Authorization", authorization);
    }
    call.headers().forEach(request::header);
    return request.build();
  }

  /** A connection with the request sent: method, credentials, headers and the body, if any. */
  private HttpURLConnection open(AdminApiCall call, String accept) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri(call).toURL().openConnection();
    if (connection instanceof HttpsURLConnection https && tls.isPresent()) {
      https.setSSLSocketFactory(tls.get().getSocketFactory());
    }
    connection.setConnectTimeout((int) timeouts.connect().toMillis());
    connection.setReadTimeout((int) timeouts.answer().toMillis());
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestMethod(call.method());
    connection.setRequestProperty("Accept", accept);
    if (authorization != null && call.credentials() == AdminApiCall.Credentials.SEND) {
      connection.setRequestProperty("Authorization", authorization);
    }
    call.headers().forEach(connection::setRequestProperty);
    byte[] body = body(call);
    if (body != null) {
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
    }
    return connection;
  }

  /** The call's path below the base URI, with or without its leading slash. */
  private URI uri(AdminApiCall call) {
    String path = call.path();
    return URI.create(path.startsWith("/") ? base + path : base + "/" + path);
  }

  private static byte[] body(AdminApiCall call) throws IOException {
    Object body = call.body();
    if (body == null) {
      return null;
    }
    if (body instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return JSON.writeValueAsBytes(body);
  }

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          HttpClient.Builder builder =
              HttpClient.newBuilder()
                  .connectTimeout(timeouts.connect())
                  .followRedirects(HttpClient.Redirect.NEVER);
          tls.ifPresent(builder::sslContext);
          http = builder.build();
        }
        client = http;
      }
    }
    return client;
  }
}
