/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import io.javalin.config.JettyConfig;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Serves the REST API over TLS only: a Jetty HTTPS connector instead of the plain one. */
final class TlsConnector {
  private TlsConnector() {}

  /** Replaces the server's connectors with one HTTPS connector on {@code host:port}. */
  static void install(JettyConfig jetty, SSLContext context, String host, int port) {
    jetty.modifyServer(
        server -> {
          SslContextFactory.Server ssl = new SslContextFactory.Server();
          ssl.setSslContext(context);
          ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
          HttpConfiguration https = new HttpConfiguration();
          https.addCustomizer(new SecureRequestCustomizer(false));
          ServerConnector connector =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(ssl, "http/1.1"),
                  new HttpConnectionFactory(https));
          connector.setHost(host);
          connector.setPort(port);
          server.setConnectors(new org.eclipse.jetty.server.Connector[] {connector});
        });
  }
}
