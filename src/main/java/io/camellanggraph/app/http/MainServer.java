package io.camellanggraph.app.http;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StaticService;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;

/**
 * The app's HTTP server ({@code camel.server.*}): the Vert.x server platform-http consumers bind to, the callback
 * receiver among them. Its configuration stays open until start, so listeners can put handlers in front of a path
 * (the app's start-up gate does, through the authentication chain).
 */
public class MainServer extends ServiceSupport implements CamelContextAware, StaticService {

    private final VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
    private CamelContext camelContext;
    private VertxPlatformHttpServer server;
    private VertxPlatformHttpRouter router;

    /** What platform-http-vertx reads when it starts the server (host, port, path, body size, authentication). */
    public VertxPlatformHttpServerConfiguration getConfiguration() {
        return configuration;
    }

    public VertxPlatformHttpRouter getRouter() {
        return router;
    }

    public String getHost() {
        return configuration.getBindHost();
    }

    /** The port asked for (0: any free port; {@link #getBoundPort()} tells which). */
    public int getPort() {
        return configuration.getBindPort();
    }

    public int getBoundPort() {
        return server != null ? server.getPort() : getPort();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Which of Camel's two servers this is, as the platform-http engine tells them apart. */
    protected String serverType() {
        return VertxPlatformHttpRouter.SERVER_TYPE_SERVER;
    }

    @Override
    protected void doInit() throws Exception {
        ObjectHelper.notNull(camelContext, "CamelContext");
        configuration.setServerType(serverType());
        server = new VertxPlatformHttpServer(configuration);
        // the context owns the Vert.x server from here: it stops it after the routes, as Camel Main's own server does
        camelContext.addService(server);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(server);
        router = VertxPlatformHttpRouter.lookup(camelContext, VertxPlatformHttpRouter.getRouterNameFromPort(getPort()));
    }
}
