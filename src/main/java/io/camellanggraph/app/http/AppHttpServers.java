package io.camellanggraph.app.http;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Camel Main's HTTP servers for the app ({@code camel.server.*} and {@code camel.management.*}), on
 * camel-platform-http-vertx. Camel Main looks a {@link MainHttpServerFactory} up in the registry before it asks for
 * camel-platform-http-main, which is not served at Camel 4.22 where this project is built (docs/component.md "Camel versions"):
 * the app jar names this one as that service ({@code META-INF/services/org/apache/camel/platform-http-server}, left
 * out of the library jar), so every Camel Main of the app finds it and both servers keep Camel's own settings, paths
 * and health output.
 * <p>
 * Only what the app uses is built: the callback server (host, port, path, body size, global TLS) and the management
 * server (health at {@code healthPath} with {@code /live} and {@code /ready}, Prometheus metrics at
 * {@code /observe/metrics}, and the router the operator page mounts on). Camel's developer consoles, Jolokia and the
 * upload/download/send consoles are not served; a setting that asks for them fails the start, so nobody believes they
 * are on.
 */
public final class AppHttpServers implements MainHttpServerFactory {

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties settings) {
        if (settings.isAuthenticationEnabled() || settings.isStaticEnabled()) {
            throw new IllegalArgumentException("camel.server.authentication-enabled and static-enabled are not supported by"
                    + " this app's HTTP server (the callback path is authenticated by its tokens)");
        }
        MainServer server = new MainServer();
        // no multipart bodies written to disk, whatever camel.server.file-upload-enabled says: callbacks are JSON
        server.getConfiguration().getBodyHandler().setHandleFileUploads(false);
        server.setCamelContext(context);
        server.getConfiguration().setBindHost(settings.getHost());
        server.getConfiguration().setBindPort(settings.getPort());
        server.getConfiguration().setPath(settings.getPath());
        if (settings.getMaxBodySize() != null) {
            server.getConfiguration().setMaxBodySize(settings.getMaxBodySize());
        }
        server.getConfiguration().setUseGlobalSslContextParameters(settings.isUseGlobalSslContextParameters());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties settings) {
        if (settings.isAuthenticationEnabled() || settings.isDevConsoleEnabled() || settings.isJolokiaEnabled()
                || settings.isUploadEnabled() || settings.isDownloadEnabled() || settings.isSendEnabled()) {
            throw new IllegalArgumentException("camel.management: authentication, dev consoles, Jolokia, upload, download"
                    + " and send are not served by this app (the operator page has its own viewer and admin tokens)");
        }
        ManagementServer server = new ManagementServer(settings.isHealthCheckEnabled() ? settings.getHealthPath() : null,
                settings.isMetricsEnabled());
        server.setCamelContext(context);
        server.getConfiguration().setBindHost(settings.getHost());
        server.getConfiguration().setBindPort(settings.getPort());
        server.getConfiguration().setPath(settings.getPath());
        server.getConfiguration().setUseGlobalSslContextParameters(settings.isUseGlobalSslContextParameters());
        return server;
    }
}
